package org.memsweep.jobs.sweep;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The gap arithmetic; the aggregate over trajectories/ is covered by SweepJobTest's resume tests. */
class MissingSeedsTest {
    private static List<List<Long>> ranges(List<long[]> r) {
        return r.stream().map(a -> List.of(a[0], a[1])).toList();
    }

    @Test
    void gapsBetweenPresentIndices() {
        assertEquals(List.of(List.of(0L, 10L)), ranges(MissingSeeds.gaps(new long[0], 10)));
        assertEquals(List.of(), ranges(MissingSeeds.gaps(new long[] {0, 1, 2}, 3)));
        assertEquals(List.of(List.of(3L, 5L)), ranges(MissingSeeds.gaps(new long[] {0, 1, 2}, 5)));
        assertEquals(List.of(List.of(0L, 2L), List.of(3L, 7L), List.of(8L, 9L)),
                ranges(MissingSeeds.gaps(new long[] {2, 7}, 9)));
    }

    @Test
    void withoutATableEveryIndexIsMissing() {
        Map<String, List<long[]>> m = MissingSeeds.find(null, Set.of("a", "b"), 4);
        assertEquals(Set.of("a", "b"), m.keySet());
        for (List<long[]> r : m.values()) assertEquals(List.of(List.of(0L, 4L)), ranges(r));
    }
}
