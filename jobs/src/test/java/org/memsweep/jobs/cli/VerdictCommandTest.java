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
}
