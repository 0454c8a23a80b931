package org.memsweep.jobs.sweep;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.memsweep.engine.cell.CategoryCounts;
import org.memsweep.engine.classify.Category;

/** Counting from the tasks' tallies; counting from the rows is covered by SweepJobTest (it needs a table). */
class CellAggregationTest {
    private static BlockTally tally(String cell, Category c, long n, long unconverged, long nanos) {
        CategoryCounts k = new CategoryCounts();
        k.add(c, n, unconverged, nanos);
        return new BlockTally(cell, k);
    }

    @Test
    void anUnseenCellWhoseTalliesAreWholeIsCountedFromThem() {
        CellAggregation agg = new CellAggregation(Set.of("a"), 10);
        List<BlockTally> tallies = List.of(tally("a", Category.APEX, 4, 1, 100), tally("a", Category.VIRTUAL, 6, 0, 50),
                tally("b", Category.APEX, 10, 0, 1));
        Map<String, CategoryCounts> out = agg.counts(Set.of("a"), tallies, () -> {
            throw new AssertionError("no cell needs its rows read");
        });
        CategoryCounts a = out.get("a");
        assertEquals(10, a.total());
        assertEquals(4, a.count(Category.APEX));
        assertEquals(6, a.count(Category.VIRTUAL));
        assertEquals(1, a.unconverged());
        assertEquals(150, a.computeNanos());
        assertEquals(Set.of("a"), out.keySet(), "only the cells asked for");
    }

    @Test
    void talliesOfSeenCellsOrShortOfSeedsAreNotUsed() {
        CellAggregation agg = new CellAggregation(Set.of("a"), 10);
        List<BlockTally> tallies = List.of(tally("a", Category.APEX, 7, 0, 0), tally("b", Category.APEX, 10, 0, 0));
        assertEquals(Map.of(), agg.fromTallies(Set.of("a", "b"), tallies),
                "a: 7 of 10 rows tallied (a block failed); b: had rows before this run");
        // both must be read back; without a table neither is complete
        assertEquals(Map.of(), agg.counts(Set.of("a", "b"), tallies, () -> null));
    }
}
