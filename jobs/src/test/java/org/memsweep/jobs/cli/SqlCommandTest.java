package org.memsweep.jobs.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlCommandTest {
    @TempDir
    Path temp;

    @Test
    void countsOfARealSweep() throws Exception {
        String out = RealSweep.out().toString();
        RealSweep.Result r = RealSweep.run("sql", "--out", out, "--format", "csv",
                "SELECT n, count(*) AS k FROM trajectories GROUP BY n ORDER BY n");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(List.of("n,k", "2," + RealSweep.SEEDS, "3," + RealSweep.SEEDS, "5," + RealSweep.SEEDS), lines);

        r = RealSweep.run("sql", "--out", out, "--format", "json", "SELECT sum(seeds) AS s, count(*) AS c FROM cells");
        assertEquals(0, r.code(), r.err());
        assertEquals("{\"s\":" + RealSweep.CELLS * RealSweep.SEEDS + ",\"c\":" + RealSweep.CELLS + "}", r.out().trim());

        // the categories add up to the trajectories in every cell
        r = RealSweep.run("sql", "--out", out, "--format", "csv",
                "SELECT count(*) FROM cells WHERE n_apex + n_training + n_virtual + n_manifold + n_other + n_diverged <> seeds");
        assertEquals(List.of("count(1)", "0"), r.out().lines().toList());
    }

    @Test
    void rowsOfUncommittedCellsStayOutOfQueries() throws Exception {
        // A copy of the sweep plus what an interrupted run leaves: rows beyond a cell's seeds, and
        // rows of a cell that has no cells/ row yet.
        Path out = RealSweep.out(), copy = temp.resolve("r");
        org.apache.spark.sql.SparkSession spark = Spark.session("SqlCommandTest", "local[2]", false);
        try {
            spark.read().parquet(out + "/trajectories").write().partitionBy("n").parquet(copy + "/trajectories");
            spark.read().parquet(out + "/cells").write().parquet(copy + "/cells");
            spark.read().parquet(out + "/trajectories").where("seed_index < 10")
                    .withColumn("seed_index", org.apache.spark.sql.functions.expr("seed_index + " + RealSweep.SEEDS))
                    .write().mode("append").partitionBy("n").parquet(copy + "/trajectories");
            spark.read().parquet(out + "/trajectories").where("seed_index < 10")
                    .withColumn("cell_id", org.apache.spark.sql.functions.lit("0000000000000000"))
                    .write().mode("append").partitionBy("n").parquet(copy + "/trajectories");
        } finally {
            spark.stop();
        }
        RealSweep.Result r = RealSweep.run("sql", "--out", copy.toString(), "--format", "csv", "SELECT count(*) AS c FROM trajectories");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("c", String.valueOf(RealSweep.CELLS * RealSweep.SEEDS)), r.out().lines().toList());
    }

    @Test
    void aMalformedQueryExits2WithOneLine() throws Exception {
        String out = RealSweep.out().toString();
        RealSweep.Result r = RealSweep.run("sql", "--out", out, "SELEC * FROM cells");
        assertEquals(2, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("memsweep sql: "), r.err());
        assertTrue(r.err().contains("SELEC"), r.err());

        r = RealSweep.run("sql", "--out", out, "SELECT no_such_column FROM cells");
        assertEquals(2, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("no_such_column"), r.err());
    }

    @Test
    void badOptionsExit2BeforeSparkStarts() {
        RealSweep.Result r = RealSweep.run("sql", "--out", "/nonexistent/memsweep", "SELECT 1");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("out = /nonexistent/memsweep"), r.err());
        r = RealSweep.run("sql", "--format", "xml", "SELECT 1");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("format = xml"), r.err());
    }

    /** Statements that write are refused before Spark starts, one line, exit 2; the tables keep their rows. */
    @Test
    void writingStatementsAreRefusedAndTheTablesUnchanged() throws Exception {
        String out = RealSweep.out().toString();
        String counts = "SELECT (SELECT count(*) FROM cells) AS c, (SELECT count(*) FROM runs) AS r, "
                + "(SELECT count(*) FROM trajectories) AS t";
        RealSweep.Result before = RealSweep.run("sql", "--out", out, "--format", "csv", counts);
        assertEquals(0, before.code(), before.err());
        java.util.Map<String, String> kinds = new java.util.LinkedHashMap<>();
        kinds.put("INSERT INTO cells SELECT * FROM cells", "INSERT INTO");
        kinds.put("INSERT OVERWRITE runs SELECT * FROM runs", "INSERT OVERWRITE");
        kinds.put("CREATE TABLE t (a INT) USING parquet", "CREATE TABLE");
        kinds.put("DROP VIEW cells", "DROP VIEW");
        for (var e : kinds.entrySet()) {
            RealSweep.Result r = RealSweep.run("sql", "--out", out, e.getKey());
            assertEquals(2, r.code(), e.getKey());
            assertEquals("memsweep sql: " + e.getValue() + " is not allowed: sql only reads the tables; allowed are "
                    + org.memsweep.analysis.table.SqlQuery.ALLOWED, r.err().strip(), e.getKey());
            assertEquals("", r.out());
        }
        RealSweep.Result after = RealSweep.run("sql", "--out", out, "--format", "csv", counts);
        assertEquals(before.out(), after.out());
        assertEquals(List.of("c,r,t", RealSweep.CELLS + ",1," + RealSweep.CELLS * RealSweep.SEEDS),
                after.out().lines().toList());
    }

    /**
     * The real command in a fresh working folder, as a user runs it: a failing query (Spark's catalog
     * is touched), a query that lists the catalog and a refused CREATE TABLE leave the folder empty,
     * and the temporary warehouse is gone after exit.
     */
    @Test
    void nothingIsLeftInTheWorkingFolder() throws Exception {
        String out = RealSweep.out().toAbsolutePath().toString();
        // Two folders: the child's temporary files (its java.io.tmpdir) must not count as files left in its working folder.
        Path cwd = Files.createDirectory(temp.resolve("cwd")), tmp = Files.createDirectory(temp.resolve("tmp"));
        for (String[] c : List.of(new String[] {"2", "SELECT no_such_column FROM cells"},
                new String[] {"0", "SHOW TABLES"}, new String[] {"2", "CREATE TABLE t (a INT)"})) {
            List<String> cmd = new java.util.ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            cmd.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                    .filter(a -> !a.startsWith("-Djava.io.tmpdir") && !a.startsWith("-agentlib")).toList());
            cmd.addAll(List.of("-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"),
                    "org.memsweep.jobs.Main", "sql", "--out", out, "--master", "local[1]", c[1]));
            Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            assertEquals(Integer.parseInt(c[0]), p.waitFor(), c[1] + ": " + output);
            try (var files = Files.list(cwd)) {
                assertEquals(List.of(), files.toList(), c[1]);
            }
            try (var files = Files.list(tmp)) {
                assertEquals(List.of(), files.filter(f -> f.getFileName().toString().startsWith("memsweep-warehouse"))
                        .toList(), c[1]);
            }
        }
    }
}
