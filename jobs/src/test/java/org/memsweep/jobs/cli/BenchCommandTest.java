package org.memsweep.jobs.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.memsweep.jobs.Main;

class BenchCommandTest {
    /** The peer scripts' folder: JUnit deletes it also when an assertion fails halfway. */
    @TempDir
    Path tmp;

    /** A budget that times nothing (or never ends) is bad input: one line, exit 2, no table. */
    @ParameterizedTest
    @ValueSource(strings = {"-1", "0", "NaN", "Infinity"})
    void secondsMustBeAFinitePositiveNumber(String value) {
        SimulateCommandTest.Outcome o = SimulateCommandTest.exec("bench", "--no-peer", "--seconds", value);
        assertEquals(Main.BAD_INPUT, o.code(), o.err());
        assertEquals(1, o.err().strip().lines().count(), o.err());
        assertEquals("memsweep bench: seconds = " + value + " is not allowed: a finite number > 0", o.err().strip());
        assertEquals("", o.out(), "nothing measured, nothing printed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "0"})
    void secondsIsCheckedWithSparkToo(String value) {
        SimulateCommandTest.Outcome o = SimulateCommandTest.exec("bench", "--spark", "--seconds", value);
        assertEquals(Main.BAD_INPUT, o.code(), o.err());
        assertTrue(o.err().startsWith("memsweep bench: seconds = " + value + " "), o.err());
    }

    @Test
    void theDefaultPeerIsTheRepositorysOwnScript() {
        // Tests run in the jobs module, so the repository root is its parent: what the launcher exports as MEMSWEEP_HOME.
        Path peer = BenchCommand.defaultPeer(Map.of("MEMSWEEP_HOME", ".."));
        assertEquals(Path.of("..", "bench", "peer_flow.py"), peer);
        assertTrue(Files.isRegularFile(peer), "the repository has no " + peer.normalize());
        assertEquals(Path.of(".", "bench", "peer_flow.py"), BenchCommand.defaultPeer(Map.of()));
    }

    @Test
    void runPeerReadsTheRateAndOnFailureKeepsThePeersLastLine() throws Exception {
        // Some CPU work, so that the shell's times has something to report.
        Path ok = Files.writeString(tmp.resolve("ok.sh"), "i=0; while [ $i -lt 100000 ]; do i=$((i+1)); done\n"
                + "echo \"numpy peer: d=30 N=31 K=150 denoiser=$2 best 0.5s  20000 trajectories/s  memorized-fraction 1.000\"\n");
        Path noNumpy = Files.writeString(tmp.resolve("no-numpy.sh"),
                "echo 'numpy peer: numpy is not installed for /usr/bin/python3 (pip install numpy)'\nexit 3\n");
        Path silent = Files.writeString(tmp.resolve("silent.sh"), "echo nothing to see\n");
        BenchCommand bench = new BenchCommand();
        bench.python = "sh";
        double[] rates = bench.runPeer(ok, List.of("--denoiser", "closed"));
        assertEquals(20000.0, rates[0]);
        // Per CPU second: the rate scaled by the one-thread process's wall / CPU, so at least the wall rate.
        assertTrue(rates[1] >= 0.95 * rates[0] && rates[1] < 1e3 * rates[0], "per CPU second " + rates[1]);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> bench.runPeer(noNumpy, List.of()));
        assertEquals(noNumpy + " failed: numpy peer: numpy is not installed for /usr/bin/python3 (pip install numpy)", e.getMessage());
        e = assertThrows(IllegalStateException.class, () -> bench.runPeer(silent, List.of()));
        assertTrue(e.getMessage().startsWith("no 'trajectories/s' in the peer's output"), e.getMessage());
    }

    @Test
    void theFiveCasesOfTheIssueWithThePeersFlags() {
        List<BenchCommand.Case> cases = BenchCommand.cases();
        assertEquals(List.of("(a)", "(b)", "(c)", "(d)", "(e)"), cases.stream().map(c -> c.name().substring(0, 3)).toList());
        BenchCommand.Case d = cases.get(3);
        assertEquals(List.of("--d", "30", "--n", "31", "--denoiser", "network", "--width", "256"), d.peerArgs());
        assertEquals(256, d.network());
        assertTrue(cases.get(4).peerArgs().isEmpty(), "no peer for the scale cell");
        for (BenchCommand.Case c : cases.subList(0, 4)) {
            // The engine's problem is the peer's: same d and N.
            assertEquals(c.params().get("d").toString(), c.peerArgs().get(1), c.name());
            assertEquals(c.params().get("n").toString(), c.peerArgs().get(3), c.name());
        }
    }

    @Test
    void costPerCoordinateStepIsSecondsPerTrajectoryOverNMinusOneTimesK() {
        org.memsweep.engine.cell.CellParams p = org.memsweep.engine.cell.Cell.build(
                org.memsweep.engine.cell.CellParams.fromMap(BenchCommand.cases().get(0).params())).params();
        assertEquals(1e-6, BenchCommand.costPerCoordinateStep(1e6 / (30.0 * 150), p), 1e-18);
    }

    /** The whole engine table, briefly: five rows, the scale cell's cost line, the allocation per trajectory. */
    @Test
    void benchWithoutPeerPrintsTheFiveCasesAndTheCostLine() {
        SimulateCommandTest.Outcome o = SimulateCommandTest.exec("bench", "--no-peer", "--seconds", "0.03");
        assertEquals(0, o.code(), o.err());
        List<String> lines = o.out().lines().toList();
        for (String name : List.of("(a) ", "(b) ", "(c) ", "(d) ", "(e) ")) {
            String row = lines.stream().filter(l -> l.startsWith(name)).findFirst().orElseThrow(() -> new AssertionError(name + "\n" + o.out()));
            String[] f = row.trim().split("\\s+");
            assertTrue(Double.parseDouble(f[f.length - 1]) < 1000, "bytes per trajectory: " + row);
        }
        assertTrue(o.out().contains("cost per coordinate-step"), o.out());
        assertTrue(o.out().contains("(N−1)·K = 1024·150"), o.out());
    }

    /** The trainer bench measures the engine's Adam steps (a positive rate) and names the peer's shape. */
    @Test
    void trainerBenchPrintsTheEnginesAdamStepsPerSecond() throws Exception {
        SimulateCommandTest.Outcome o = SimulateCommandTest.exec("bench", "--trainer", "--no-peer", "--seconds", "0.01");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("d=30 N=31 M=100 K=256"), o.out());
        String row = o.out().lines().filter(l -> l.startsWith("Adam steps, ALM")).findFirst().orElseThrow(() -> new AssertionError(o.out()));
        double rate = Double.parseDouble(row.substring("Adam steps, ALM, one thread".length()).trim().split("\\s+")[0]);
        assertTrue(rate > 0 && Double.isFinite(rate), row);
        assertTrue(o.out().contains("no peer (--no-peer)"), o.out());

        // The peer's rate is read from its own line ("… R Adam steps/s …").
        Path alm = Files.writeString(tmp.resolve("alm.sh"), "echo \"numpy ALM peer: d=30 N=31 M=100 K=256 steps=300 2.5s  120.0 Adam steps/s  cost 1  max residual 1\"\n");
        BenchCommand bench = new BenchCommand();
        bench.python = "sh";
        assertEquals(120.0, bench.runPeer(alm, List.of(), java.util.regex.Pattern.compile("([0-9.]+) Adam steps/s"))[0]);
    }
}
