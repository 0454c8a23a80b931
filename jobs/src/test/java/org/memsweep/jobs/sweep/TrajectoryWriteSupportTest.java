package org.memsweep.jobs.sweep;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.execution.datasources.parquet.ParquetWriteSupport;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.memsweep.analysis.table.Columns.CellKey;
import org.memsweep.engine.cell.Cell;
import org.memsweep.engine.cell.Trajectory;
import org.memsweep.engine.classify.Endpoint;
import org.memsweep.jobs.cli.Spark;

class TrajectoryWriteSupportTest {
    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = Spark.session("TrajectoryWriteSupportTest", "local[1]", false);
    }

    @AfterAll
    static void stop() {
        if (spark != null) spark.stop();
    }

    /** Every call a write support makes on its record consumer, as text (values as raw bits). */
    static final class Recorder extends RecordConsumer {
        final List<String> calls = new ArrayList<>();

        @Override public void startMessage() { calls.add("startMessage"); }
        @Override public void endMessage() { calls.add("endMessage"); }
        @Override public void startField(String field, int index) { calls.add("startField " + field + " " + index); }
        @Override public void endField(String field, int index) { calls.add("endField " + field + " " + index); }
        @Override public void startGroup() { calls.add("startGroup"); }
        @Override public void endGroup() { calls.add("endGroup"); }
        @Override public void addInteger(int value) { calls.add("int " + value); }
        @Override public void addLong(long value) { calls.add("long " + value); }
        @Override public void addBoolean(boolean value) { calls.add("boolean " + value); }
        @Override public void addBinary(Binary value) { calls.add("binary " + value.toStringUsingUTF8()); }
        @Override public void addFloat(float value) { calls.add("float " + Float.floatToRawIntBits(value)); }
        @Override public void addDouble(double value) { calls.add("double " + Double.doubleToRawLongBits(value)); }
    }

    /** The calls {@code support}, set up as the writer of {@code schema}'s files, makes for {@code rows}. */
    private static List<String> calls(WriteSupport<InternalRow> support, StructType schema, List<? extends InternalRow> rows) throws Exception {
        DriverParquet.Prepared p = DriverParquet.prepare(spark, schema, Map.of());
        support.init(p.conf());
        Recorder r = new Recorder();
        support.prepareForWrite(r);
        for (InternalRow row : rows) support.write(row);
        return r.calls;
    }

    @Test
    void handsParquetTheCallsSparksWriteSupportMakes() throws Exception {
        // Trajectory rows (a diverged one among them: NaN distances, −1, false flags) ...
        Cell c = SchemasTest.PROBABILITY;
        List<Trajectory> ts = new ArrayList<>(c.run(0, 25));
        ts.add(new Trajectory(25, -1L, Endpoint.diverged(), 0, false, 0L));
        List<InternalRow> rows = new ArrayList<>();
        for (Trajectory t : ts) rows.add(new TrajectoryRow(Schemas.trajectoryFileKey(new CellKey("run-1", c.id(), c.params()))).of(t).copy());
        List<String> ours = calls(new TrajectoryWriteSupport(), Schemas.trajectoryFile(), rows);
        assertEquals(calls(new ParquetWriteSupport(), Schemas.trajectoryFile(), rows), ours);
        assertTrue(ours.contains("binary run-1") && ours.contains("double " + Double.doubleToRawLongBits(Double.NaN)), "the rows' values went through");
        // ... and nullable columns with nulls, −0.0, ±∞, extreme longs, an empty and a non-ASCII string.
        StructType nullable = new StructType().add("s", DataTypes.StringType, true).add("x", DataTypes.DoubleType, true)
                .add("l", DataTypes.LongType, true).add("i", DataTypes.IntegerType, true).add("b", DataTypes.BooleanType, true);
        List<InternalRow> odd = List.of(
                new GenericInternalRow(new Object[] {null, -0.0, Long.MIN_VALUE, null, true}),
                new GenericInternalRow(new Object[] {UTF8String.fromString(""), Double.NEGATIVE_INFINITY, null, Integer.MAX_VALUE, null}),
                new GenericInternalRow(new Object[] {UTF8String.fromString("σ_max ≥ 0"), null, Long.MAX_VALUE, -1, false}),
                new GenericInternalRow(new Object[] {null, null, null, null, null}));
        List<String> oddOurs = calls(new TrajectoryWriteSupport(), nullable, odd);
        assertEquals(calls(new ParquetWriteSupport(), nullable, odd), oddOurs);
        assertEquals(List.of("startMessage", "endMessage"), oddOurs.subList(oddOurs.size() - 2, oddOurs.size()), "nulls are fields left out");
    }

    @Test
    void refusesAColumnTypeTrajectoryFilesDoNotHave() throws Exception {
        StructType schema = new StructType().add("seed", DataTypes.LongType, false).add("when", DataTypes.TimestampType, true);
        DriverParquet.Prepared p = DriverParquet.prepare(spark, schema, Map.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TrajectoryWriteSupport().init(p.conf()));
        assertEquals("column when is timestamp; trajectory files hold only long, double, int, boolean and string columns", e.getMessage());
    }
}
