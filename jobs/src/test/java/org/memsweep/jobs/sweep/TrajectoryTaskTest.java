package org.memsweep.jobs.sweep;

import static org.junit.jupiter.api.Assertions.*;

import java.util.LinkedHashMap;
import java.util.List;
import org.apache.spark.util.CollectionAccumulator;
import org.junit.jupiter.api.Test;
import org.memsweep.engine.cell.Cell;
import org.memsweep.engine.cell.Trajectory;

class TrajectoryTaskTest {
    private static Block block(Cell c, long from, long to) {
        return new Block(c.id(), new LinkedHashMap<>(c.params().toMap()), from, to);
    }

    @Test
    void aBlockReturnsItsRowsTallyAndTheCellToReuse() {
        Cell c = SchemasTest.PROBABILITY;
        CollectionAccumulator<String> failures = new CollectionAccumulator<>();
        CollectionAccumulator<BlockTally> tallies = new CollectionAccumulator<>();
        TrajectoryTask task = new TrajectoryTask("run-1", 1, failures, tallies);
        TrajectoryTask.BlockRun first = task.runBlock(block(c, 0, 5), null, null, true);
        assertEquals(5, first.trajectories().size());
        assertNotNull(first.cell());
        assertEquals(c.id(), first.cell().id());
        TrajectoryTask.BlockRun second = task.runBlock(block(c, 5, 8), first.cell(), null, true);
        assertSame(first.cell(), second.cell(), "the cached cell is reused, not rebuilt");
        assertEquals(List.of(5L, 6L, 7L), second.trajectories().stream().map(Trajectory::seedIndex).toList(), "the block's seed indices, in order");
        assertEquals(c.run(5, 8).get(2).seed(), second.trajectories().get(2).seed());
        assertEquals(List.of(5L, 3L), tallies.value().stream().map(t -> t.counts().total()).toList());
        assertTrue(failures.value().isEmpty());
    }

    @Test
    void aFailedBlockOnItsLastAttemptIsReportedWithNoRowsAndNoCell() {
        Cell c = SchemasTest.PROBABILITY;
        CollectionAccumulator<String> failures = new CollectionAccumulator<>();
        CollectionAccumulator<BlockTally> tallies = new CollectionAccumulator<>();
        TrajectoryTask task = new TrajectoryTask("run-1", 1, failures, tallies);
        // a cached cell that is not the block's: the executor refuses to run it
        Block other = new Block("not-" + c.id(), new LinkedHashMap<>(c.params().toMap()), 0, 3);
        TrajectoryTask.BlockRun run = task.runBlock(other, c, null, true);
        assertTrue(run.trajectories().isEmpty());
        assertNull(run.cell());
        assertEquals(1, failures.value().size());
        assertTrue(failures.value().get(0).startsWith("not-" + c.id() + "\t"), failures.value().get(0));
        assertTrue(tallies.value().isEmpty());
        assertThrows(IllegalStateException.class, () -> new TrajectoryTask("run-1", 4, failures, tallies).runBlock(other, c, null, false),
                "before the last attempt the failure is rethrown for Spark to retry");
    }
}
