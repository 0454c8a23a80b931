package org.memsweep.jobs.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.memsweep.jobs.Main;

class BenchCommandTest {
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
        Path dir = Files.createTempDirectory("memsweep-bench-peer");
        Path ok = Files.writeString(dir.resolve("ok.sh"),
                "echo \"numpy peer: d=30 N=31 K=150 denoiser=$2 best 0.5s  20000 trajectories/s  memorized-fraction 1.000\"\n");
        Path noNumpy = Files.writeString(dir.resolve("no-numpy.sh"),
                "echo 'numpy peer: numpy is not installed for /usr/bin/python3 (pip install numpy)'\nexit 3\n");
        Path silent = Files.writeString(dir.resolve("silent.sh"), "echo nothing to see\n");
        BenchCommand bench = new BenchCommand();
        bench.python = "sh";
        try {
            assertEquals(20000.0, bench.runPeer(ok, List.of("--denoiser", "closed")));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> bench.runPeer(noNumpy, List.of()));
            assertEquals(noNumpy + " failed: numpy peer: numpy is not installed for /usr/bin/python3 (pip install numpy)", e.getMessage());
            e = assertThrows(IllegalStateException.class, () -> bench.runPeer(silent, List.of()));
            assertTrue(e.getMessage().startsWith("no 'trajectories/s' in the peer's output"), e.getMessage());
        } finally {
            for (Path p : List.of(ok, noNumpy, silent, dir)) Files.deleteIfExists(p);
        }
    }
}
