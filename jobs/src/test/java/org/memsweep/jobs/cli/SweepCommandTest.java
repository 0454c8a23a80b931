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
        cmd.addAll(List.of("-Xmx1g", "-Dlog4j2.configurationFile=" + Path.of("..", "deploy", "conf", "log4j2.properties").toAbsolutePath(),
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
        List<String> lines = text.lines().filter(l -> !l.contains("cells 0/") && !l.isBlank() && !l.startsWith("memsweep sweep '")).toList();
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
}
