package org.memsweep.jobs.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The verdict command checked against numbers computed here, by hand, from the Cochran–Armitage
 * formula with log-N scores (science.md / TrendTest): not against another run of the same code.
 */
class VerdictCommandTest {

    /** Z = Σ r_i (x_i − x̄) / √(p̄(1−p̄) Σ t_i (x_i − x̄)²), x_i = ln n_i, x̄ and p̄ weighted by trials. */
    private static double handZ(long[] n, long[] memorized, long[] trials) {
        double xs = 0, t = 0, r = 0;
        for (int i = 0; i < n.length; i++) {
            xs += trials[i] * Math.log(n[i]);
            t += trials[i];
            r += memorized[i];
        }
        double xbar = xs / t, p = r / t, num = 0, ss = 0;
        for (int i = 0; i < n.length; i++) {
            double dx = Math.log(n[i]) - xbar;
            num += memorized[i] * dx;
            ss += trials[i] * dx * dx;
        }
        return num / Math.sqrt(p * (1 - p) * ss);
    }

    /** The one series' row of the verdict table (n = 2, 3, 5), split on runs of spaces. */
    private static String[] seriesRow(String out) {
        List<String> rows = out.lines().filter(l -> l.contains(" 2-5 ")).toList();
        assertEquals(1, rows.size(), out);
        return rows.get(0).trim().split("\\s+");
    }

    /** The real sweep: the printed Z is the hand-computed one from its own counts, and its sign gives the call. */
    @Test
    void theRealSweepsZIsTheHandComputedOne() throws Exception {
        Path out = RealSweep.out();
        long[] n = new long[3], m = new long[3], t = new long[3];
        SparkSession spark = Spark.session("VerdictCommandTest", "local[2]", false);
        try {
            List<Row> rows = spark.read().parquet(out + "/cells").orderBy("n")
                    .selectExpr("cast(n AS long)", "n_apex + n_training", "seeds").collectAsList();
            for (int i = 0; i < 3; i++) {
                n[i] = rows.get(i).getLong(0);
                m[i] = rows.get(i).getLong(1);
                t[i] = rows.get(i).getLong(2);
            }
        } finally {
            spark.stop();
        }
        double z = handZ(n, m, t);
        RealSweep.Result r = RealSweep.run("verdict", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        String[] row = seriesRow(r.out());
        assertEquals(String.format(Locale.ROOT, "%.2f", z), row[row.length - 4], r.out());
        // p(falling) = Φ(Z) < 0.01 means Z < −2.326: supported; the real sweep's memorization falls that steeply.
        assertTrue(z < -2.33, "hand Z " + z);
        assertEquals("supported", row[row.length - 1], r.out());
    }

    /**
     * Planted counts 300, 200, 100 of 400 at n = 2, 3, 5 must be supported, and the mirror (100, 200,
     * 300) contradicted, each with the hand-computed Z.
     */
    @Test
    void aPlantedFallingSeriesIsSupportedAndItsMirrorContradicted() throws Exception {
        long[] n = {2, 3, 5}, falling = {300, 200, 100}, rising = {100, 200, 300}, trials = {400, 400, 400};
        Path dir = tmp;
        SparkSession spark = Spark.session("VerdictCommandTest", "local[2]", false);
        try {
            for (String name : List.of("falling", "rising")) {
                long[] m = name.equals("falling") ? falling : rising;
                // The real sweep's cells with only the memorized count (apex 0, training m) replaced.
                spark.read().parquet(RealSweep.out() + "/cells")
                        .withColumn("n_apex", org.apache.spark.sql.functions.lit(0L))
                        .withColumn("n_training", org.apache.spark.sql.functions.expr(
                                "CASE n WHEN 2 THEN " + m[0] + "L WHEN 3 THEN " + m[1] + "L ELSE " + m[2] + "L END"))
                        .withColumn("n_memorized", org.apache.spark.sql.functions.col("n_training"))
                        .coalesce(1).write().parquet(dir.resolve(name).resolve("cells").toString());
            }
        } finally {
            spark.stop();
        }
        double z = handZ(n, falling, trials);
        assertEquals(-handZ(n, rising, trials), z, 1e-12);

        RealSweep.Result r = RealSweep.run("verdict", "--out", dir.resolve("falling").toString());
        assertEquals(0, r.code(), r.err());
        String[] row = seriesRow(r.out());
        assertEquals(String.format(Locale.ROOT, "%.2f", z), row[row.length - 4], r.out());
        assertEquals("supported", row[row.length - 1], r.out());

        r = RealSweep.run("verdict", "--out", dir.resolve("rising").toString());
        assertEquals(0, r.code(), r.err());
        row = seriesRow(r.out());
        assertEquals(String.format(Locale.ROOT, "%.2f", -z), row[row.length - 4], r.out());
        assertEquals("contradicted", row[row.length - 1], r.out());
    }

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path tmp;

    /** Verdict reads only cells/: it used to report on a root whose trajectories were damaged. */
    @Test
    void aTruncatedTrajectoryFileIsNamedNotIgnored() throws Exception {
        java.nio.file.Path copy = tmp.resolve("copy");
        try (java.util.stream.Stream<java.nio.file.Path> w = java.nio.file.Files.walk(RealSweep.out())) {
            for (java.nio.file.Path p : w.toList()) {
                java.nio.file.Path to = copy.resolve(RealSweep.out().relativize(p).toString());
                if (java.nio.file.Files.isDirectory(p)) java.nio.file.Files.createDirectories(to);
                else java.nio.file.Files.copy(p, to);
            }
        }
        java.nio.file.Path part;
        try (java.util.stream.Stream<java.nio.file.Path> w = java.nio.file.Files.walk(copy.resolve("trajectories"))) {
            part = w.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        byte[] b = java.nio.file.Files.readAllBytes(part);
        java.nio.file.Files.write(part, java.util.Arrays.copyOf(b, b.length - 50));
        RealSweep.Result r = RealSweep.run("verdict", "--out", copy.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("memsweep verdict: ") && r.err().contains(part.getFileName().toString())
                && r.err().contains("is damaged") && r.err().contains("move it out of the output root and rerun"), r.err());
        assertEquals("", r.out());
    }
}
