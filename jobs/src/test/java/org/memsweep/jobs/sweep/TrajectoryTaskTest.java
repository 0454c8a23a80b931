package org.memsweep.jobs.sweep;

import static org.junit.jupiter.api.Assertions.*;

import java.util.LinkedHashMap;
import java.util.List;
import org.apache.spark.util.CollectionAccumulator;
import org.junit.jupiter.api.Test;
import org.memsweep.engine.cell.Cell;

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
        assertEquals(5, first.rows().size());
        assertNotNull(first.cell());
        assertEquals(c.id(), first.cell().id());
        TrajectoryTask.BlockRun second = task.runBlock(block(c, 5, 8), first.cell(), null, true);
        assertSame(first.cell(), second.cell(), "the cached cell is reused, not rebuilt");
        org.apache.spark.sql.types.StructType schema = Schemas.trajectories();
        org.apache.spark.sql.Row row = second.rows().get(0);
        assertEquals(5L, row.getLong(schema.fieldIndex(org.memsweep.analysis.table.Columns.SEED_INDEX)), "seed_index of the block's first row");
        assertEquals("run-1", row.get(schema.fieldIndex(org.memsweep.analysis.table.Columns.RUN_ID)));
        assertEquals(c.id(), row.get(schema.fieldIndex(org.memsweep.analysis.table.Columns.CELL_ID)));
        assertEquals(c.params().n(), row.get(schema.fieldIndex(org.memsweep.analysis.table.Columns.N)));
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
        assertTrue(run.rows().isEmpty());
        assertNull(run.cell());
        assertEquals(1, failures.value().size());
        assertTrue(failures.value().get(0).startsWith("not-" + c.id() + "\t"), failures.value().get(0));
        assertTrue(tallies.value().isEmpty());
        assertThrows(IllegalStateException.class, () -> new TrajectoryTask("run-1", 4, failures, tallies).runBlock(other, c, null, false),
                "before the last attempt the failure is rethrown for Spark to retry");
    }
}
