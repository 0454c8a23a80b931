package org.memsweep.jobs.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlCommandTest {
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
        Path out = RealSweep.out(), copy = Files.createTempDirectory("memsweep-uncommitted").resolve("r");
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
}
