package org.memsweep.jobs.sweep;

import static org.junit.jupiter.api.Assertions.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressTest {
    private static Block b(String cell, long from, long to) {
        return new Block(cell, new LinkedHashMap<>(), from, to);
    }

    @Test
    void countsEachTaskOfItsOwnWavesOnce() {
        Progress p = new Progress(30, Map.of("a", 20L, "b", 10L), null);
        p.expect("wave-0", List.of(List.of(b("a", 0, 10)), List.of(b("a", 10, 20), b("b", 0, 5))));
        p.stageStarted("wave-0", 7);
        p.stageStarted("other-job", 8);
        p.stageStarted(null, 9);
        p.taskEnded(8, 0, true); // another job's task
        p.taskEnded(7, 0, false); // failed attempt
        assertEquals(0, p.trajectoriesDone());
        p.taskEnded(7, 0, true);
        p.taskEnded(7, 0, true); // a speculative or retried copy
        assertEquals(10, p.trajectoriesDone());
        assertEquals(0, p.cellsDone());
        p.taskEnded(7, 1, true);
        p.taskEnded(7, 5, true); // no such task
        assertEquals(25, p.trajectoriesDone());
        assertEquals(1, p.cellsDone(), "a is done, b has 5 seeds left");
    }

    @Test
    void statusLines() {
        Progress p = new Progress(1000, Map.of("a", 1000L), null);
        assertEquals("  cells 0/1  trajectories 0/1000  0 traj/s  elapsed 5s  ETA ?   \n", p.line(5, false, false));
        assertEquals("\r  cells 1/1  trajectories 1000/1000  10 traj/s  elapsed 1m40s  ETA 0s   \n", p.line(100, true, true));
        p.expect("g", List.of(List.of(b("a", 0, 250))));
        p.stageStarted("g", 1);
        p.taskEnded(1, 0, true);
        assertEquals("\r  cells 0/1  trajectories 250/1000  25 traj/s  elapsed 10s  ETA 30s   ", p.line(10, false, true));
    }

    @Test
    void durations() {
        assertEquals("59s", Progress.fmt(59.4));
        assertEquals("1m00s", Progress.fmt(59.6));
        assertEquals("2h05m", Progress.fmt(2 * 3600 + 5 * 60 + 59));
    }
}
