package org.memsweep.jobs.sweep;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.junit.jupiter.api.Test;
import org.memsweep.analysis.table.Columns.CellAggregate;
import org.memsweep.analysis.table.Columns.CellKey;
import org.memsweep.engine.cell.CategoryCounts;
import org.memsweep.engine.cell.Cell;
import org.memsweep.engine.classify.Category;

class SweepPlanTest {
    static final Cell A = SchemasTest.PROBABILITY, B = SchemasTest.SCORE;

    /** A committed cells/ row of {@code c} with {@code seeds} seeds, as read back (with its schema). */
    private static Row committed(Cell c, long seeds) {
        CategoryCounts k = new CategoryCounts();
        k.add(Category.OTHER, seeds, 0, 0);
        Row r = Schemas.cellRow(new CellKey("r", c.id(), c.params()), new CellAggregate(k, null));
        Object[] v = new Object[r.size()];
        for (int i = 0; i < v.length; i++) v[i] = r.get(i);
        return new GenericRowWithSchema(v, Schemas.cells());
    }

    private static List<List<Long>> blocks(SweepPlan p) {
        return p.blocks().stream().map(b -> List.of(b.from(), b.to())).toList();
    }

    @Test
    void aCellWithNoRowsIsComputedWholeInBlocks() {
        SweepPlan p = SweepPlan.of(List.of(A), id -> null, Map.of(A.id(), List.of(new long[] {0, 10})), 10, 4);
        assertEquals(List.of(A.id()), List.copyOf(p.pending().keySet()));
        assertEquals(0, p.skipped());
        assertEquals(List.of(List.of(0L, 4L), List.of(4L, 8L), List.of(8L, 10L)), blocks(p));
        assertTrue(p.unseen().contains(A.id()), "its counts may come from the tallies alone");
        assertEquals(A.params().toMap(), p.blocks().get(0).params());
    }

    @Test
    void aCommittedCellWithAllItsRowsIsSkipped() {
        Map<String, Row> table = Map.of(A.id(), committed(A, 10));
        SweepPlan p = SweepPlan.of(List.of(A, B), table::get, Map.of(A.id(), List.of(), B.id(), List.of(new long[] {0, 10})), 10, 100);
        assertEquals(1, p.skipped());
        assertEquals(List.of(B.id()), List.copyOf(p.pending().keySet()));
        assertEquals(List.of(List.of(0L, 10L)), blocks(p));
    }

    @Test
    void aCommittedCellWithRowsLostSinceIsRecomputedWhereRowsAreMissing() {
        Map<String, Row> table = Map.of(A.id(), committed(A, 10));
        SweepPlan p = SweepPlan.of(List.of(A), table::get, Map.of(A.id(), List.of(new long[] {3, 5})), 10, 100);
        assertEquals(0, p.skipped());
        assertEquals(List.of(List.of(3L, 5L)), blocks(p));
        assertFalse(p.unseen().contains(A.id()), "rows of earlier runs count: read them back");
    }

    @Test
    void moreSeedsThanCommittedRecomputesTheCellsRow() {
        Map<String, Row> table = new HashMap<>(Map.of(A.id(), committed(A, 10)));
        // every row below the old seeds is there, none above
        SweepPlan p = SweepPlan.of(List.of(A), table::get, Map.of(A.id(), List.of(new long[] {10, 20})), 20, 100);
        assertEquals(0, p.skipped());
        assertEquals(List.of(List.of(10L, 20L)), blocks(p));
        // all rows present but the committed row counts fewer seeds: its row is rewritten, nothing computed
        SweepPlan q = SweepPlan.of(List.of(A), table::get, Map.of(A.id(), List.of()), 20, 100);
        assertEquals(List.of(A.id()), List.copyOf(q.pending().keySet()));
        assertTrue(q.blocks().isEmpty());
    }
}
