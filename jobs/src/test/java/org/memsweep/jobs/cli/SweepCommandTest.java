package org.memsweep.jobs.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memsweep.jobs.sweep.OutputRoot;
import org.memsweep.jobs.sweep.RootLock;

class SweepCommandTest {
    @TempDir
    Path tmp;

    /** The classpath of this test JVM (surefire puts the real one in a property). */
    private static String classpath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    /**
     * A sweep in its own JVM. {@code env --default-signal=INT} undoes an inherited "ignore SIGINT"
     * (Maven started in the background has it), so the test sees what Ctrl-C in a terminal does.
     */
    private static Process start(String out, Path log) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("env", "--default-signal=INT",
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(Files.readAllLines(Path.of("..", "deploy", "conf", "spark-jvm.args")));
        // interrupted, it leaves its Spark folders: where this JVM's temporary files go (target/, see pom.xml)
        cmd.addAll(List.of("-Xmx1g", "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"), "-Dlog4j2.configurationFile=" + Path.of("..", "deploy", "conf", "log4j2.properties").toAbsolutePath(),
                "-cp", classpath(), "org.memsweep.jobs.Main", "sweep", "--out", out, "--master", "local[2]",
                "--set", "d=6", "--set", "n=[2,3,4,5]", "--set", "sigma-max=80", "--set", "high-noise=mmse",
                "--set", "start-mean=origin", "--set", "start-scale=auto", "--set", "seeds=3000", "--block-size", "250"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        return pb.start();
    }

    @Test
    void ctrlCIsOneLineExit130AndReleasesTheLock() throws Exception {
        String out = tmp.resolve("results").toString();
        Path log = tmp.resolve("sweep.log");
        Process p = start(out, log);
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (!Files.isDirectory(Path.of(out, "trajectories", "_temporary"))) {
            assertTrue(p.isAlive(), () -> "ended too soon: " + read(log));
            assertTrue(System.nanoTime() < deadline, () -> "timed out: " + read(log));
            Thread.sleep(50);
        }
        // While it runs, a second sweep into the same root is refused, naming it.
        RealSweep.Result second = RealSweep.run("sweep", "--out", out, "--quiet", "--set", "d=6", "--set", "n=2");
        assertEquals(2, second.code(), second.err());
        assertEquals(1, second.err().strip().lines().count(), second.err());
        assertTrue(second.err().contains("is being written by another sweep (run ") && second.err().contains("pid " + p.pid()), second.err());

        assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor());
        assertEquals(130, p.waitFor(), read(log));
        String text = read(log);
        // The JVM's own notice of the Vector API module, which the ./memsweep launcher drops.
        List<String> lines = text.lines().filter(l -> !l.contains("cells 0/") && !l.isBlank() && !l.startsWith("memsweep sweep '")
                && !l.equals("WARNING: Using incubator modules: jdk.incubator.vector")).toList();
        assertEquals(1, lines.size(), text);
        assertTrue(lines.get(0).matches("memsweep sweep: interrupted; rerun the same command to resume \\(\\d+ cells committed\\)"), text);
        assertFalse(Files.exists(Path.of(out, RootLock.LOCK)), "released on Ctrl-C");
        assertTrue(Files.exists(Path.of(out, OutputRoot.MARKER)));
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    /** One orthogonal training set in d = 4, 6 levels of which 4 lie above σ_switch: one chain of 4 tiny networks. */
    private static final String TRAINED_SPEC = """
            name: trained-small
            dataset: orthogonal
            d: 4
            n: 2
            flow: probability
            sigma-max: 2
            sigma-min: 0.01
            steps: 6
            sigma-switch: 0.05
            high-noise: trained
            seeds: 40
            train: "width=8;copies=3;max-steps=200;phase-steps=50;tolerance=%s"
            """;

    private Path trainedSpec(String tolerance) throws java.io.IOException {
        Path f = tmp.resolve("trained-" + tolerance + ".yaml");
        Files.writeString(f, TRAINED_SPEC.formatted(tolerance));
        return f;
    }

    private static RealSweep.Result sweep(Path spec, String out, String... more) {
        List<String> a = new ArrayList<>(List.of("sweep", "--spec", spec.toString(), "--out", out, "--master", "local[2]", "--quiet"));
        a.addAll(List.of(more));
        return RealSweep.run(a.toArray(String[]::new));
    }

    @Test
    void trainedCellsNeedTheBankTrainMissingFillsItAndRerunsAreBitForBit() throws Exception {
        Path spec = trainedSpec("10");
        String out = tmp.resolve("trained").toString();
        // No bank: one line naming what is missing and what to do; nothing written.
        RealSweep.Result refused = sweep(spec, out);
        assertEquals(2, refused.code(), refused.err() + refused.out());
        assertEquals(1, refused.err().strip().lines().count(), refused.err());
        assertTrue(refused.err().contains("4 of 4 networks missing from " + out + "/bank"), refused.err());
        assertTrue(refused.err().contains("at σ = 2.00000, "), refused.err());
        assertTrue(refused.err().contains("the schedule's levels and the bank's must match exactly"), refused.err());
        assertTrue(refused.err().contains("run memsweep bank with the same spec, or add --train-missing"), refused.err());
        assertFalse(Files.exists(Path.of(out)), "nothing written");

        RealSweep.Result first = sweep(spec, out, "--train-missing");
        assertEquals(0, first.code(), first.err() + first.out());
        assertTrue(first.out().contains("bank: 4 networks: 0 already in the bank (reused), 4 trained in 1 chains; 4 of 4 meet their tolerance"), first.out());
        assertTrue(first.out().contains("1 cells: 1 computed"), first.out());

        // Again into another root: the same networks, so the same rows bit for bit.
        String other = tmp.resolve("trained-again").toString();
        RealSweep.Result second = sweep(spec, other, "--train-missing");
        assertEquals(0, second.code(), second.err() + second.out());
        RealSweep.Result diff = RealSweep.run("diff", "--out", out, "--against", other, "--master", "local[2]");
        assertEquals(0, diff.code(), diff.out() + diff.err());
        assertTrue(diff.out().contains("identical results"), diff.out());

        // The bank is there now: a plain rerun uses it and has nothing left to compute.
        RealSweep.Result third = sweep(spec, out);
        assertEquals(0, third.code(), third.err() + third.out());
        assertTrue(third.out().contains("1 cells: 0 computed, 1 already complete"), third.out());
        RealSweep.Result sql = RealSweep.run("sql", "--out", out, "--master", "local[2]",
                "SELECT high_noise, allow_untolerated, train FROM cells");
        assertEquals(0, sql.code(), sql.err());
        assertTrue(sql.out().contains("trained") && sql.out().contains("no") && sql.out().contains("width=8;copies=3"), sql.out());
    }

    @Test
    void networksThatMissedTheirToleranceAreUsedOnlyWhenAllowedAndRecorded() throws Exception {
        Path spec = trainedSpec("1e-12"); // no network gets there in 200 steps
        String out = tmp.resolve("untolerated").toString();
        RealSweep.Result refused = sweep(spec, out, "--train-missing");
        assertEquals(2, refused.code(), refused.err() + refused.out());
        assertTrue(refused.out().contains("0 of 4 meet their tolerance"), refused.out());
        assertTrue(refused.err().contains("4 networks in " + out + "/bank that missed their training tolerance"), refused.err());
        assertTrue(refused.err().contains("allow-untolerated: yes for those cells"), refused.err());
        assertFalse(Files.exists(Path.of(out, "trajectories")), "no trajectories written");

        RealSweep.Result allowed = sweep(spec, out, "--set", "allow-untolerated=yes");
        assertEquals(0, allowed.code(), allowed.err() + allowed.out());
        RealSweep.Result sql = RealSweep.run("sql", "--out", out, "--master", "local[2]", "SELECT allow_untolerated, seeds FROM cells");
        assertEquals(0, sql.code(), sql.err());
        assertTrue(sql.out().replaceAll("\\s+", " ").contains("yes 40"), sql.out());
    }
}
