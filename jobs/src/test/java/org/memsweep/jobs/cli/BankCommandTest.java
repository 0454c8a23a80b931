package org.memsweep.jobs.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BankCommandTest {
    @TempDir
    Path tmp;

    /** Two training sets (N = 2, 3) in d = 4, 6 levels of which 4 lie above σ_switch = 0.05: two chains of 4 networks. */
    private static final String SPEC = """
            name: bank-small
            dataset: orthogonal
            d: 4
            n: [2, 3]
            flow: probability
            sigma-max: 2
            sigma-min: 0.01
            steps: 6
            sigma-switch: 0.05
            high-noise: trained
            """;
    /** Tiny networks and budgets: the test is about the bank, not about training quality. */
    private static final String TRAIN = "width=8;copies=3;max-steps=200;phase-steps=50;tolerance=0.05";

    private Path spec() throws IOException {
        Path f = tmp.resolve("bank.yaml");
        if (!Files.exists(f)) Files.writeString(f, SPEC);
        return f;
    }

    private RealSweep.Result bank(String out) throws IOException {
        return RealSweep.run("bank", "--spec", spec().toString(), "--out", out, "--master", "local[2]", "--train", TRAIN);
    }

    private static List<Path> parquetFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".parquet") && !p.toString().contains("_temporary")).sorted().toList();
        }
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void trainsEachChainOnceReusesWhatIsThereAndSqlSeesIt() throws Exception {
        String out = tmp.resolve("root").toString();
        RealSweep.Result first = bank(out);
        assertEquals(0, first.code(), first.err() + first.out());
        assertTrue(first.out().contains("8 networks in 2 warm-start chains"), first.out());
        assertTrue(first.out().contains("8 networks: 0 already in the bank (reused), 8 trained in 2 chains"), first.out());
        java.util.regex.Matcher eff = java.util.regex.Pattern.compile("on 2 cores, ([0-9.]+) s of training summed over the networks: efficiency ([0-9.]+)\\)")
                .matcher(first.out());
        assertTrue(eff.find(), "the training job's time and efficiency: " + first.out());
        // Training seconds and efficiency: numbers of the right unit (tiny networks may round to 0).
        assertTrue(Double.parseDouble(eff.group(1)) < 60 && Double.parseDouble(eff.group(2)) <= 1.5, first.out());
        assertTrue(Files.exists(Path.of(out, "_memsweep.json")), "the root is marked");
        List<Path> files = parquetFiles(Path.of(out, "bank"));
        assertEquals(2, files.size(), "one file per chain: " + files);

        RealSweep.Result sql = RealSweep.run("sql", "--out", out, "--master", "local[2]",
                "SELECT count(*) AS n, count(DISTINCT bank_key) AS k, count(DISTINCT training_set) AS t, min(size(a)) AS a FROM bank");
        assertEquals(0, sql.code(), sql.err());
        assertTrue(sql.out().replaceAll("\\s+", " ").contains("8 8 2 32"), sql.out()); // K·d = 8·4

        // Again: everything reused, nothing written.
        List<String> before = listing(Path.of(out, "bank"));
        RealSweep.Result again = bank(out);
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().contains("8 networks: 8 already in the bank (reused), 0 trained in 0 chains"), again.out());
        assertFalse(again.out().contains("efficiency"), "no training job, no efficiency: " + again.out());
        assertEquals(before, listing(Path.of(out, "bank")));

        // One chain's file lost (as if its task had been in flight when the run was killed): only that chain is trained again.
        Files.delete(files.get(0));
        RealSweep.Result third = bank(out);
        assertEquals(0, third.code(), third.err());
        assertTrue(third.out().contains("8 networks: 4 already in the bank (reused), 4 trained in 1 chains"), third.out());
        assertEquals(2, parquetFiles(Path.of(out, "bank")).size());

        // Other training settings are other networks.
        RealSweep.Result wider = RealSweep.run("bank", "--spec", spec().toString(), "--out", out, "--master", "local[2]", "--train", TRAIN + ";width=6");
        assertEquals(0, wider.code(), wider.err());
        assertTrue(wider.out().contains("0 already in the bank (reused), 8 trained in 2 chains"), wider.out());
    }

    private void badInput(String expected, String... args) throws IOException {
        Path out = tmp.resolve("never");
        List<String> all = new java.util.ArrayList<>(List.of("bank", "--spec", spec().toString(), "--out", out.toString()));
        all.addAll(List.of(args));
        RealSweep.Result r = RealSweep.run(all.toArray(String[]::new));
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("memsweep bank: ") && r.err().contains(expected), r.err());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void badTrainingSettingsAndSpecsExit2BeforeSparkStarts() throws Exception {
        badInput("training setting = depth is not allowed: one of method, width", "--train", "depth=3");
        badInput("copies = 0 is not allowed", "--train", "copies=0");
        badInput("width = 0 is not allowed", "--train", "width=0");
        badInput("tolerance = 0 is not allowed", "--train", "tolerance=0");
        badInput("tolerance = -1 is not allowed", "--train", "tolerance=-1");
        badInput("trained in some cell", "--set", "high-noise=mmse");
        badInput("a probability-flow cell", "--set", "flow=score", "--set", "sigma=0.05");
    }

    /** A marked root holding {@code bank} as made by {@code make}; the bank command must refuse it and leave it as it was. */
    private void refusesBank(String expected, java.util.function.Consumer<Path> make) throws Exception {
        Path root = Files.createTempDirectory(tmp, "bad");
        Files.writeString(root.resolve("_memsweep.json"), "{\"format\": " + org.memsweep.jobs.sweep.OutputRoot.FORMAT + "}\n");
        make.accept(root);
        List<String> before = listing(root);
        RealSweep.Result r = bank(root.toString());
        assertEquals(2, r.code(), r.err() + r.out());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(expected), r.err());
        assertEquals(before, listing(root), "nothing written");
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aBankThatIsNotABankOrHasACorruptedRowIsRefused() throws Exception {
        String good = tmp.resolve("good").toString();
        assertEquals(0, bank(good).code());
        refusesBank("is not: it is a file", root -> {
            try {
                Files.writeString(root.resolve("bank"), "x");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Path sweep = RealSweep.out();
        refusesBank("is not: it has no column bank_key", root -> copyTree(sweep.resolve("cells"), root.resolve("bank")));

        // Corrupted rows, written with Spark: the first row's a one value short, or one of its w NaN.
        SparkSession spark = Spark.session("BankCommandTest", "local[2]", false);
        try {
            Dataset<Row> bank = spark.read().parquet(good + "/bank").orderBy("bank_key");
            String key = bank.first().getAs("bank_key");
            Dataset<Row> shortA = bank.withColumn("a", functions.when(functions.col("bank_key").equalTo(key),
                    functions.slice(functions.col("a"), 1, 31)).otherwise(functions.col("a")));
            shortA.write().parquet(tmp.resolve("short").toString());
            Dataset<Row> nanW = bank.withColumn("w", functions.when(functions.col("bank_key").equalTo(key),
                    functions.expr("transform(w, (x, i) -> IF(i = 5, double('NaN'), x))")).otherwise(functions.col("w")));
            nanW.write().parquet(tmp.resolve("nan").toString());
            refusesBank("bank entry " + key + " field a = an array of length 31 is not allowed: an array of length K·d = 32",
                    root -> copyTree(tmp.resolve("short"), root.resolve("bank")));
            refusesBank("bank entry " + key + " field w = w[5] = NaN is not allowed: finite weights",
                    root -> copyTree(tmp.resolve("nan"), root.resolve("bank")));
        } finally {
            spark.stop();
        }
    }
}
