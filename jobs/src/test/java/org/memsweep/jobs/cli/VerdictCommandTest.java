package org.memsweep.jobs.cli;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class VerdictCommandTest {
    @Test
    void theDefaultSettingIsSupported() throws Exception {
        RealSweep.Result r = RealSweep.run("verdict", "--out", RealSweep.out().toString());
        assertEquals(0, r.code(), r.err());
        // one series (n = 2, 3, 5), memorization falling: the verdict table says so
        java.util.List<String> rows = r.out().lines().filter(l -> l.contains(" 2-5 ")).toList();
        assertEquals(1, rows.size(), r.out());
        assertTrue(rows.get(0).trim().endsWith("supported"), r.out());
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
