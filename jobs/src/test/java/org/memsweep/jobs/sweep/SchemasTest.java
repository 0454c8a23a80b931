package org.memsweep.jobs.sweep;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.memsweep.analysis.table.Columns;
import org.memsweep.analysis.table.Columns.CellAggregate;
import org.memsweep.analysis.table.Columns.CellKey;
import org.memsweep.engine.cell.CategoryCounts;
import org.memsweep.engine.cell.Cell;
import org.memsweep.engine.cell.CellParams;
import org.memsweep.engine.cell.Trajectory;

class SchemasTest {
    /** A probability cell (its exact prediction exists, the score parameters are NULL) and a score cell (no exact prediction). */
    static final Cell PROBABILITY = Cell.build(CellParams.fromMap(Map.of("n", 4, "d", 6, "sigma-max", 0.1, "steps", 20,
            "start-mean", "data-mean", "start-scale", 0.3)));
    static final Cell SCORE = Cell.build(CellParams.fromMap(Map.of("flow", "score", "n", 3, "d", 5, "low-noise", "mmse", "sigma", 0.05,
            "start-mean", "data-mean", "start-scale", 0.3)));

    /** The Java class Spark's row encoder wants for a column of this type. */
    private static Class<?> javaType(DataType t) {
        if (t.equals(DataTypes.StringType)) return String.class;
        if (t.equals(DataTypes.LongType)) return Long.class;
        if (t.equals(DataTypes.IntegerType)) return Integer.class;
        if (t.equals(DataTypes.DoubleType)) return Double.class;
        if (t.equals(DataTypes.BooleanType)) return Boolean.class;
        throw new AssertionError("unexpected type " + t);
    }

    /** Column for column: as many values as fields, each of the field's type, null only where the field is nullable. */
    static void assertMatches(StructType schema, Row row) {
        assertEquals(schema.size(), row.size(), "one value per column");
        for (int i = 0; i < schema.size(); i++) {
            StructField f = schema.fields()[i];
            Object v = row.get(i);
            if (v == null) assertTrue(f.nullable(), f.name() + " is NULL but not nullable");
            else assertEquals(javaType(f.dataType()), v.getClass(), f.name());
        }
    }

    /** The class Spark's internal rows hold for a column of this type. */
    private static Class<?> internalType(DataType t) {
        return t.equals(DataTypes.StringType) ? org.apache.spark.unsafe.types.UTF8String.class : javaType(t);
    }

    @Test
    void theFileSchemaIsTheTablesWithoutN() {
        StructType file = Schemas.trajectoryFile();
        List<String> expected = new ArrayList<>(List.of(Schemas.trajectories().fieldNames()));
        expected.remove(Columns.N);
        assertEquals(expected, List.of(file.fieldNames()), "the table's columns without n, its folder, in the table's order");
        Object[] key = Schemas.trajectoryFileKey(new CellKey("run-1", PROBABILITY.id(), PROBABILITY.params()));
        assertEquals(List.of(org.apache.spark.unsafe.types.UTF8String.fromString("run-1"), org.apache.spark.unsafe.types.UTF8String.fromString(PROBABILITY.id())),
                List.of(key), "the key values a file's rows hold: run_id and cell_id, as Spark's internal strings");
        assertEquals(file.size(), key.length + Columns.TRAJECTORY_COLUMNS.size());
    }

    /** The class Spark's internal rows hold for a column of this type (TrajectoryRowTest). */
    static Class<?> internalClass(DataType t) {
        return internalType(t);
    }

    @Test
    void theCellRowsMatchTheDeclaredSchema() {
        for (Cell c : List.of(PROBABILITY, SCORE)) {
            CellKey key = new CellKey("run-1", c.id(), c.params());
            CategoryCounts counts = new CategoryCounts();
            for (Trajectory t : c.run(0, 20)) counts.add(t);
            Row cell = Schemas.cellRow(key, new CellAggregate(counts, c.exactPrediction().orElse(null)));
            assertMatches(Schemas.cells(), cell);
            assertEquals("run-1", cell.get(0));
            assertEquals(c.id(), cell.get(1));
            assertEquals(20L, cell.get(Schemas.cells().fieldIndex(Columns.SEEDS)));
            assertEquals(c.exactPrediction().isPresent(), cell.get(Schemas.cells().fieldIndex("exact_memorized")) != null);
        }
        // a parameter the cell does not use is NULL: the score flow has no σ_max
        int sigmaMax = Schemas.cells().fieldIndex(Columns.SIGMA_MAX);
        CategoryCounts one = new CategoryCounts();
        one.add(SCORE.run(0, 1).get(0));
        assertNull(Schemas.cellRow(new CellKey("r", SCORE.id(), SCORE.params()), new CellAggregate(one, null)).get(sigmaMax));
        assertEquals(0.1, Schemas.cellRow(new CellKey("r", PROBABILITY.id(), PROBABILITY.params()), new CellAggregate(one, null)).get(sigmaMax));
    }

    @Test
    void cellsHoldEveryParameterAndTrajectoriesOnlyTheirKeyAndResults() {
        StructType traj = Schemas.trajectories(), cells = Schemas.cells();
        List<String> head = List.of(cells.fieldNames()).subList(0, 2 + Columns.KNOWN_PARAMETERS.size());
        assertEquals(List.of("run_id", "cell_id"), head.subList(0, 2));
        assertEquals(Columns.KNOWN_PARAMETERS, head.subList(2, head.size()));
        // table format 4: n (the folder a row lies in) is the only parameter on a trajectory's row
        List<String> expected = new ArrayList<>(List.of("run_id", "cell_id", "n"));
        for (var c : Columns.TRAJECTORY_COLUMNS) expected.add(c.name());
        assertEquals(expected, List.of(traj.fieldNames()));
        assertEquals(List.of("n"), Columns.parameterColumns(traj));
    }

    @Test
    void noDictionaryOnlyForTrajectoryColumns() {
        List<String> traj = List.of(Schemas.trajectories().fieldNames());
        for (String option : Schemas.trajectoryWriteOptions().keySet()) {
            if (option.contains("#")) assertTrue(traj.contains(option.substring(option.indexOf('#') + 1)), option);
        }
        assertEquals(String.valueOf(Integer.MAX_VALUE), Schemas.trajectoryWriteOptions().get("parquet.page.row.count.limit"),
                "pages end at Parquet's page size, not every 20 000 rows");
    }
}
