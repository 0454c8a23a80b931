package org.memsweep.analysis.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import org.memsweep.analysis.table.Columns.Outcome;

class ColumnsTest {

    @Test
    void parametersOfTheDocumentedCellsSchemaAreTheKnownOnes() {
        assertEquals(Columns.KNOWN_PARAMETERS, Columns.parameterColumns(TableFixture.cellsSchema()));
        assertEquals(new ArrayList<>(TableFixture.PARAMETERS.keySet()), Columns.KNOWN_PARAMETERS);
    }

    @Test
    void trajectoriesFilesHoldOnlyTheParameterN() {
        assertEquals(List.of(Columns.N), Columns.parameterColumns(TableFixture.trajectoriesSchema()));
        assertEquals(List.of(Columns.RUN_ID, Columns.CELL_ID, Columns.N),
                Columns.TRAJECTORY_KEY_COLUMNS.stream().map(TableColumn::name).toList());
        // the layout of table format 3 had them all, and is still read (SqlQueryTest)
        assertEquals(Columns.KNOWN_PARAMETERS, Columns.parameterColumns(TableFixture.trajectoriesSchema(true)));
    }

    @Test
    void aNewSweepAxisIsDiscovered() {
        StructType schema = TableFixture.cellsSchema().add("weight_decay", DataTypes.DoubleType);
        List<String> params = Columns.parameterColumns(schema);
        assertEquals("weight_decay", params.get(params.size() - 1));
        assertEquals(Columns.KNOWN_PARAMETERS.size() + 1, params.size());
    }

    @Test
    void outcomeColumnNames() {
        assertEquals("n_virtual", Outcome.VIRTUAL.countColumn());
        assertEquals("frac_memorized", Outcome.MEMORIZED.fracColumn());
        assertEquals("frac_diverged_lo", Outcome.DIVERGED.loColumn());
        assertEquals("frac_apex_hi", Outcome.APEX.hiColumn());
        assertEquals("exact_other", Outcome.OTHER.exactColumn());
        assertThrows(IllegalStateException.class, Outcome.DIVERGED::exactColumn);
        assertEquals(List.of(Outcome.APEX, Outcome.TRAINING, Outcome.VIRTUAL, Outcome.MANIFOLD, Outcome.OTHER,
                Outcome.DIVERGED), Outcome.categories());
        assertFalse(Outcome.withExact().contains(Outcome.DIVERGED));
        assertTrue(Outcome.withExact().contains(Outcome.MEMORIZED));
    }

    @Test
    void nonParameterColumnsCoverResultsAndBookkeeping() {
        for (String c : List.of("run_id", "cell_id", "seeds", "compute_seconds", "n_memorized", "frac_other_hi",
                "exact_training", "category", "nn_ratio", "steps_taken", "compute_ns",
                "n_unconverged", "frac_unconverged")) {
            assertTrue(Columns.NON_PARAMETER_COLUMNS.contains(c), c);
        }
        assertFalse(Columns.NON_PARAMETER_COLUMNS.contains(Columns.N));
        assertFalse(Columns.NON_PARAMETER_COLUMNS.contains(Columns.STEPS));
    }

    @Test
    void outcomesReadTheirCountAndExactValueFromTheEngine() {
        org.memsweep.engine.cell.CategoryCounts k = new org.memsweep.engine.cell.CategoryCounts();
        k.add(org.memsweep.engine.classify.Category.APEX, 2, 0, 0);
        k.add(org.memsweep.engine.classify.Category.TRAINING, 3, 0, 0);
        k.add(org.memsweep.engine.classify.Category.DIVERGED, 1, 1, 0);
        assertEquals(5, Outcome.MEMORIZED.countIn(k));
        assertEquals(3, Outcome.TRAINING.countIn(k));
        assertEquals(1, Outcome.DIVERGED.countIn(k));
        assertEquals(0, Outcome.VIRTUAL.countIn(k));
        var p = new org.memsweep.engine.exact.CategoryProbabilities(0.25, 0.5, 0.125, 0.0625, 0.0625, new double[0]);
        assertEquals(0.75, Outcome.MEMORIZED.probabilityIn(p), 0.0);
        assertEquals(0.125, Outcome.VIRTUAL.probabilityIn(p), 0.0);
        assertThrows(IllegalStateException.class, () -> Outcome.DIVERGED.probabilityIn(p));
    }

    @Test
    void everyDeclaredColumnIsNamedOnceAndParametersComeFromParam() {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (TableColumn<?> c : Columns.KEY_COLUMNS) assertTrue(names.add(c.name()), c.name());
        for (TableColumn<?> c : Columns.CELL_COLUMNS) assertTrue(names.add(c.name()), c.name());
        java.util.Set<String> trajectoryNames = new java.util.HashSet<>(names);
        for (TableColumn<?> c : Columns.TRAJECTORY_COLUMNS) assertTrue(trajectoryNames.add(c.name()), c.name());
        assertEquals(org.memsweep.engine.cell.Param.values().length, Columns.KNOWN_PARAMETERS.size());
        assertEquals("master_seed", Columns.MASTER_SEED);
        assertEquals("sigma_switch", Columns.SIGMA_SWITCH);
    }
}
