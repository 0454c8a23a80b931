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

class FlowsCommandTest {
    @TempDir
    Path tmp;

    @Test
    void writesOneRowPerFlowAndDenoiserAndReusesTheBankNetworks() throws Exception {
        Path out = tmp.resolve("results");
        String[] args = {"experiment", "flows", "--out", out.toString(), "--train", RealSweep.TINY_TRAINING, "--train-score", RealSweep.TINY_TRAINING, "--starts", "40", "--master", "local[2]"};
        RealSweep.Result r = RealSweep.run(args);
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("bank: 10 networks: 0 already in the bank (reused), 10 trained in 2 chains"), r.out());
        assertTrue(r.out().contains("paper: the score flow ends mostly at virtual points"), r.out());
        assertTrue(Files.exists(out.resolve(OutputRoot.MARKER)), "the root is marked as memsweep's");

        // The same settings again: every network comes from the bank, nothing is trained.
        RealSweep.Result again = RealSweep.run(args);
        assertEquals(0, again.code(), again.err() + again.out());
        assertTrue(again.out().contains("bank: 10 networks: 10 already in the bank (reused), 0 trained in 0 chains"), again.out());

        SparkSession spark = Spark.session("FlowsCommandTest", "local[1]", false);
        try {
            List<Row> rows = SqlQuery.run(spark, out.toString(),
                    "SELECT flow, denoiser, starts, n_apex + n_training + n_virtual + n_manifold + n_other + n_diverged AS counted, "
                            + "n_boundary <= n_manifold AS boundary_ok, size(net_sigmas), size(bank_keys), n_manifold, n_unconverged, "
                            + "sigma IS NULL, sigma_switch IS NULL, high_noise, low_noise, "
                            + "frac_memorized_lo <= frac_memorized AND frac_memorized <= frac_memorized_hi AS inside "
                            + "FROM flows WHERE run_id = (SELECT min(run_id) FROM flows) ORDER BY flow, denoiser").collectAsList();
            assertEquals(4, rows.size());
            String[][] expect = {{"probability", "closed-form"}, {"probability", "trained"}, {"score", "closed-form"}, {"score", "trained"}};
            int[] nets = {0, 9, 0, 1};
            for (int i = 0; i < 4; i++) {
                Row row = rows.get(i);
                assertEquals(expect[i][0], row.getString(0));
                assertEquals(expect[i][1], row.getString(1));
                assertEquals(40, row.getInt(2));
                assertEquals(40L, row.getLong(3), "every endpoint counted once");
                assertTrue(row.getBoolean(4));
                assertEquals(nets[i], row.getInt(5), "one entry per network the row used");
                assertEquals(nets[i], row.getInt(6));
                boolean score = expect[i][0].equals("score");
                assertEquals(!score, row.getBoolean(9), "σ is the score flow's");
                assertEquals(score, row.getBoolean(10), "σ_switch is the probability flow's");
                assertTrue(row.getBoolean(13), "the Wilson interval holds the fraction");
            }
            assertEquals("mmse", rows.get(0).getString(11), "no closed form above σ_switch: the reference uses the MMSE there");
            assertEquals("trained", rows.get(1).getString(11));
            assertEquals("trained", rows.get(3).getString(12));
            // With the closed form the score flow always reaches a vertex (science.md §4) and converges.
            assertEquals(0L, rows.get(2).getLong(7));
            assertEquals(0L, rows.get(2).getLong(8));
            // The networks a row names are the bank's.
            assertEquals(10, SqlQuery.run(spark, out.toString(),
                    "SELECT DISTINCT e.k FROM (SELECT explode(bank_keys) AS k FROM flows) e JOIN bank ON bank.bank_key = e.k").count());
            // Same starts, same networks: the rerun's rows are the first run's.
            assertEquals(0, SqlQuery.run(spark, out.toString(),
                    "SELECT flow, denoiser, n_apex, n_training, n_virtual, n_manifold, n_boundary, n_other FROM flows "
                            + "GROUP BY ALL HAVING count(*) <> 2").count());
        } finally {
            spark.stop();
        }
    }

    @Test
    void badInputExits2WithOneLineAndWritesNothing() throws Exception {
        Path out = tmp.resolve("results");
        String[][] cases = {
                {"--starts", "0"}, {"--sigma", "0.1"}, {"--sigma-max", "0.05"}, {"--steps", "1"}, {"--train", "width=0"},
                {"--train", "nonsense"}, {"--train-score", "copies=0"}, {"--start-mean", "middle"}, {"--start-scale", "0"}, {"--tau", "0"}, {"--eta", "2"},
                {"--max-steps", "0"}, {"--master", "bogus://x"}};
        String[] expected = {"starts = 0", "sigma = 0.1", "sigma-max = 0.05", "steps = 1", "width = 0", "training setting = nonsense",
                "copies = 0", "start-mean = middle", "start-scale = 0", "tau = 0", "eta = 2", "max-steps = 0", "master = bogus://x"};
        for (int i = 0; i < cases.length; i++) {
            RealSweep.Result r = RealSweep.run("experiment", "flows", "--out", out.toString(), cases[i][0], cases[i][1]);
            assertEquals(Main.BAD_INPUT, r.code(), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().startsWith("memsweep experiment flows: " + expected[i]), r.err());
            assertFalse(Files.exists(out), "nothing written for " + String.join(" ", cases[i]));
        }
    }

    @Test
    void aFolderOfSomeoneElsesFilesIsRefused() throws Exception {
        Path dir = tmp;
        Files.writeString(dir.resolve("notes.txt"), "mine");
        RealSweep.Result r = RealSweep.run("experiment", "flows", "--out", dir.toString());
        assertEquals(Main.BAD_INPUT, r.code(), r.err());
        assertTrue(r.err().contains("notes.txt"), r.err());
        try (var s = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("notes.txt")), s.toList());
        }
    }
}
