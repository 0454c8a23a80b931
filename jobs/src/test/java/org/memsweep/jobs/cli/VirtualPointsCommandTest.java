package org.memsweep.jobs.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memsweep.analysis.table.SqlQuery;
import org.memsweep.jobs.Main;
import org.memsweep.jobs.sweep.OutputRoot;

class VirtualPointsCommandTest {
    @TempDir
    Path tmp;

    @Test
    void writesOneRowPerDenoiserAndOrderReadableAsAView() throws Exception {
        Path out = tmp.resolve("results");
        RealSweep.Result r = RealSweep.run("experiment", "virtual-points", "--out", out.toString(), "--train", RealSweep.TINY_TRAINING,
                "--max-iterations", "5", "--master", "local[1]");
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("trained: cost"), r.out());
        // The closed form keeps every virtual point (science.md §7), whatever the tiny network does.
        assertTrue(r.out().matches("(?s).*closed-form +quadruplets +27405/27405 +100\\.0%.*"), r.out());
        assertTrue(r.out().contains("25.4%"), "the paper's quadruplet fraction is printed: " + r.out());
        assertTrue(Files.exists(out.resolve(OutputRoot.MARKER)), "the root is marked as memsweep's");

        SparkSession spark = Spark.session("VirtualPointsCommandTest", "local[1]", false);
        try {
            List<Row> rows = SqlQuery.run(spark, out.toString(),
                    "SELECT denoiser, k, stable, total, paper_stable, wilson_lo <= fraction AND fraction <= wilson_hi AS inside, "
                            + "unstable_apex + unstable_training + unstable_virtual + unstable_manifold + unstable_other + unstable_diverged "
                            + "AS unstable, sigma, radius FROM virtual_points ORDER BY denoiser, k").collectAsList();
            assertEquals(6, rows.size());
            long[] paper = {429, 3390, 6965}, totals = {435, 4060, 27405};
            for (int i = 0; i < 6; i++) {
                Row row = rows.get(i);
                assertEquals(i < 3 ? "closed-form" : "trained", row.getString(0));
                int k = row.getInt(1);
                assertEquals(2 + i % 3, k);
                assertEquals(totals[k - 2], row.getLong(3));
                assertEquals(paper[k - 2], row.getLong(4));
                assertTrue(row.getBoolean(5), "the Wilson interval holds the fraction");
                assertEquals(row.getLong(3) - row.getLong(2), row.getLong(6), "every unstable start is classified once");
                assertEquals(0.05, row.getDouble(7));
                assertEquals(0.2, row.getDouble(8));
            }
            assertEquals(totals[2], rows.get(2).getLong(2), "closed form: all quadruplets stable");
            // Rows are appended (one run id per run): a second run would add six more.
            assertEquals(1, SqlQuery.run(spark, out.toString(), "SELECT DISTINCT run_id FROM virtual_points").count());
        } finally {
            spark.stop();
        }
        // The sql command reads a root that holds only this experiment's table (no sweep yet).
        RealSweep.Result q = RealSweep.run("sql", "--out", out.toString(), "--format", "csv",
                "SELECT count(*) AS n FROM virtual_points");
        assertEquals(0, q.code(), q.err() + q.out());
        assertTrue(q.out().lines().anyMatch("6"::equals), q.out());
    }

    @Test
    void badInputExits2WithOneLineAndWritesNothing() throws Exception {
        Path out = tmp.resolve("results");
        String[][] cases = {
                {"--sigma", "0.1"}, {"--sigma", "0"}, {"--radius", "0"}, {"--max-iterations", "0"},
                {"--train", "width=0"}, {"--train", "nonsense"}, {"--alpha", "-1"}};
        String[] expected = {"sigma = 0.1", "sigma = 0", "radius = 0", "max-iterations = 0", "width = 0", "training setting = nonsense", "alpha = -1"};
        for (int i = 0; i < cases.length; i++) {
            RealSweep.Result r = RealSweep.run("experiment", "virtual-points", "--out", out.toString(), cases[i][0], cases[i][1]);
            assertEquals(Main.BAD_INPUT, r.code(), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().startsWith("memsweep experiment virtual-points: " + expected[i]), r.err());
            assertFalse(Files.exists(out), "nothing written for " + String.join(" ", cases[i]));
        }
    }

    @Test
    void aFolderOfSomeoneElsesFilesIsRefused() throws Exception {
        Path dir = tmp;
        Files.writeString(dir.resolve("notes.txt"), "mine");
        RealSweep.Result r = RealSweep.run("experiment", "virtual-points", "--out", dir.toString());
        assertEquals(Main.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("notes.txt"), r.err());
        try (var s = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("notes.txt")), s.toList());
        }
    }
}
