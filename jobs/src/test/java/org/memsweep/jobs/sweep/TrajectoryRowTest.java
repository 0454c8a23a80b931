package org.memsweep.jobs.sweep;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;
import org.memsweep.analysis.table.Columns;
import org.memsweep.analysis.table.Columns.CellKey;
import org.memsweep.analysis.table.TableColumn;
import org.memsweep.engine.cell.Cell;
import org.memsweep.engine.cell.Trajectory;
import org.memsweep.engine.classify.Endpoint;

class TrajectoryRowTest {

    /** The row the boxed readers give (the declarations' values as Spark holds them), to compare with. */
    private static GenericInternalRow boxed(Object[] key, Trajectory t) {
        List<Object> v = new ArrayList<>(List.of(key));
        for (TableColumn<Trajectory> c : Columns.TRAJECTORY_COLUMNS) {
            Object x = c.read(t);
            v.add(x instanceof String s ? UTF8String.fromString(s) : x);
        }
        return new GenericInternalRow(v.toArray());
    }

    private static List<Trajectory> trajectories(Cell c) {
        List<Trajectory> all = new ArrayList<>(c.run(0, 40));
        // A diverged endpoint: NaN distances, vertex order −1, both flags false.
        all.add(new Trajectory(41, -7L, Endpoint.diverged(), 3, false, 123L));
        return all;
    }

    @Test
    void everyGetterGivesTheDeclaredReadersValue() {
        StructType file = Schemas.trajectoryFile();
        for (Cell c : List.of(SchemasTest.PROBABILITY, SchemasTest.SCORE)) {
            Object[] key = Schemas.trajectoryFileKey(new CellKey("run-1", c.id(), c.params()));
            TrajectoryRow row = new TrajectoryRow(key);
            assertEquals(file.size(), row.numFields());
            for (Trajectory t : trajectories(c)) {
                assertSame(row, row.of(t), "the row is reused");
                GenericInternalRow expected = boxed(key, t);
                for (int i = 0; i < file.size(); i++) {
                    StructField f = file.fields()[i];
                    DataType type = f.dataType();
                    assertFalse(row.isNullAt(i), f.name());
                    assertEquals(expected.genericGet(i), row.get(i, type), f.name());
                    assertEquals(SchemasTest.internalClass(type), row.get(i, type).getClass(), f.name());
                    if (type.equals(DataTypes.LongType)) assertEquals(expected.getLong(i), row.getLong(i), f.name());
                    else if (type.equals(DataTypes.IntegerType)) assertEquals(expected.getInt(i), row.getInt(i), f.name());
                    else if (type.equals(DataTypes.BooleanType)) assertEquals(expected.getBoolean(i), row.getBoolean(i), f.name());
                    else if (type.equals(DataTypes.DoubleType)) {
                        assertEquals(Double.doubleToRawLongBits(expected.getDouble(i)), Double.doubleToRawLongBits(row.getDouble(i)), f.name());
                    } else assertEquals(expected.getUTF8String(i), row.getUTF8String(i), f.name());
                }
                assertEquals(expected, row.copy(), "a copy holds the values");
                scala.collection.immutable.Seq<DataType> types = scala.jdk.javaapi.CollectionConverters.asScala(
                        java.util.Arrays.stream(file.fields()).map(StructField::dataType).toList()).toList();
                // (as Java lists: Double.equals says NaN is NaN, Scala's == does not)
                assertEquals(scala.jdk.javaapi.CollectionConverters.asJava(expected.toSeq(types)),
                        scala.jdk.javaapi.CollectionConverters.asJava(row.toSeq(types)), "and so does its sequence of values");
                assertEquals("run-1", row.getUTF8String(0).toString());
                assertEquals(t.endpoint().category().name(), row.getUTF8String(file.fieldIndex(Columns.CATEGORY)).toString());
                assertEquals(t.seedIndex(), row.getLong(file.fieldIndex(Columns.SEED_INDEX)));
            }
        }
    }

    @Test
    void aCategorysStringIsConvertedOnce() {
        Cell c = SchemasTest.PROBABILITY;
        List<Trajectory> ts = c.run(0, 2);
        Trajectory same = new Trajectory(9, 9L, ts.get(0).endpoint(), 1, true, 1L);
        TrajectoryRow row = new TrajectoryRow(Schemas.trajectoryFileKey(new CellKey("r", c.id(), c.params())));
        int category = Schemas.trajectoryFile().fieldIndex(Columns.CATEGORY);
        UTF8String first = row.of(ts.get(0)).getUTF8String(category);
        assertSame(first, row.of(same).getUTF8String(category), "the same string instance, converted once");
    }

    @Test
    void moreDistinctStringsThanTheCacheHoldsAreStillRight() {
        // A column whose every value is a new string: the cache fills, then each is converted on its own.
        List<TableColumn<Trajectory>> columns = List.of(
                new TableColumn<>("label", DataTypes.StringType, false, t -> "seed-" + t.seedIndex()),
                TableColumn.ofLong("seed_index", Trajectory::seedIndex),
                new TableColumn<>("maybe", DataTypes.LongType, true, t -> t.seedIndex() % 2 == 0 ? null : t.seedIndex()));
        TrajectoryRow row = new TrajectoryRow(new Object[] {UTF8String.fromString("k")}, columns);
        Endpoint e = Endpoint.diverged();
        for (long i = 0; i < 40; i++) {
            row.of(new Trajectory(i, i, e, 1, true, 1L));
            assertEquals("seed-" + i, row.getUTF8String(1).toString(), "value " + i);
            assertEquals("k", row.getUTF8String(0).toString());
            assertEquals(i, row.getLong(2));
            assertEquals(i % 2 == 0, row.isNullAt(3), "a nullable column's null");
            if (i % 2 == 1) assertEquals(i, row.getLong(3), "a column without an unboxed reader, through its boxed one");
        }
    }
}
