package org.memsweep.jobs.sweep;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetOutputFormat;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.execution.datasources.OutputWriter;
import org.apache.spark.sql.execution.datasources.parquet.ParquetWriteSupport;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memsweep.analysis.table.Columns.CellKey;
import org.memsweep.engine.cell.Cell;
import org.memsweep.engine.cell.Trajectory;
import org.memsweep.engine.classify.Endpoint;
import org.memsweep.jobs.cli.Spark;

class TrajectoryWriteSupportTest {
    static SparkSession spark;

    @TempDir
    java.nio.file.Path tmp;

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

    /** Every call that reaches parquet-java's column writers and their store, as text (values as raw bits). */
    static final class RecordingStore implements ColumnWriteStore {
        final List<String> calls = new ArrayList<>();
        private final Map<ColumnDescriptor, ColumnWriter> writers = new HashMap<>();
        private int records;

        @Override
        public ColumnWriter getColumnWriter(ColumnDescriptor c) {
            return writers.computeIfAbsent(c, x -> new ColumnWriter() {
                private final String name = String.join(".", x.getPath());
                private void add(String what, int r, int d) { calls.add(name + " " + what + " r=" + r + " d=" + d); }
                @Override public void write(int v, int r, int d) { add("int " + v, r, d); }
                @Override public void write(long v, int r, int d) { add("long " + v, r, d); }
                @Override public void write(boolean v, int r, int d) { add("boolean " + v, r, d); }
                @Override public void write(Binary v, int r, int d) { add("binary " + v.toStringUsingUTF8(), r, d); }
                @Override public void write(float v, int r, int d) { add("float " + Float.floatToRawIntBits(v), r, d); }
                @Override public void write(double v, int r, int d) { add("double " + Double.doubleToRawLongBits(v), r, d); }
                @Override public void writeNull(int r, int d) { add("null", r, d); }
                @Override public void close() { calls.add(name + " close"); }
                @Override public long getBufferedSizeInMemory() { return 0; }
            });
        }

        @Override public void flush() { calls.add("flush"); }
        @Override public void endRecord() { calls.add("endRecord"); records++; }
        // now and then, as parquet-java's store asks for a flush before a size check
        @Override public boolean isColumnFlushNeeded() { calls.add("isColumnFlushNeeded"); return records % 7 == 3; }
        @Override public long getAllocatedSize() { return 0; }
        @Override public long getBufferedSize() { return 0; }
        @Override public String memUsageString() { return ""; }
        @Override public void close() {}
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

    /**
     * The calls reaching the column writers when {@code support} writes {@code rows} of {@code schema} through
     * parquet-java's own record consumer (as its file writer sets it up for a row group, and flushes it at the end).
     */
    private static List<String> columnCalls(WriteSupport<InternalRow> support, StructType schema, List<? extends InternalRow> rows) throws Exception {
        DriverParquet.Prepared p = DriverParquet.prepare(spark, schema, Map.of());
        MessageType parquet = support.init(p.conf()).getSchema();
        RecordingStore store = new RecordingStore();
        RecordConsumer consumer = new ColumnIOFactory().getColumnIO(parquet).getRecordWriter(store);
        support.prepareForWrite(consumer);
        if (support instanceof TrajectoryWriteSupport ours) assertTrue(ours.direct(), "straight to the column writers");
        for (InternalRow row : rows) support.write(row);
        consumer.flush();
        return store.calls;
    }

    /** {@code count} trajectory rows: the test cell's seeds [0, count − 1), then a diverged one (NaN distances, −1, false flags). */
    static List<InternalRow> trajectoryRows(int count) {
        Cell c = SchemasTest.PROBABILITY;
        List<Trajectory> ts = new ArrayList<>(c.run(0, count - 1));
        ts.add(new Trajectory(count - 1, -1L, Endpoint.diverged(), 0, false, 0L));
        TrajectoryRow row = new TrajectoryRow(Schemas.trajectoryFileKey(new CellKey("run-1", c.id(), c.params())));
        List<InternalRow> rows = new ArrayList<>();
        for (Trajectory t : ts) rows.add(row.of(t).copy());
        return rows;
    }

    /** Nullable columns (and one that is not) with nulls, −0.0, ±∞, NaN, extreme longs, an empty and a non-ASCII string. */
    static final StructType NULLABLE = new StructType().add("s", DataTypes.StringType, true).add("x", DataTypes.DoubleType, true)
            .add("l", DataTypes.LongType, true).add("i", DataTypes.IntegerType, true).add("b", DataTypes.BooleanType, true)
            .add("k", DataTypes.LongType, false);

    /** The four rows of odd values first, then {@code count} more mixing them (so dictionaries and pages fill). */
    static List<InternalRow> oddRows(int count) {
        List<InternalRow> rows = new ArrayList<>(List.of(
                new GenericInternalRow(new Object[] {null, -0.0, Long.MIN_VALUE, null, true, 0L}),
                new GenericInternalRow(new Object[] {UTF8String.fromString(""), Double.NEGATIVE_INFINITY, null, Integer.MAX_VALUE, null, 1L}),
                new GenericInternalRow(new Object[] {UTF8String.fromString("σ_max ≥ 0"), null, Long.MAX_VALUE, -1, false, 2L}),
                new GenericInternalRow(new Object[] {null, null, null, null, null, 3L})));
        double[] xs = {-0.0, 0.0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NaN, Double.MIN_VALUE, -Double.MAX_VALUE};
        for (int j = 0; j < count; j++) {
            rows.add(new GenericInternalRow(new Object[] {
                    j % 5 == 0 ? null : j % 3 == 0 ? UTF8String.fromString("") : UTF8String.fromString("σ_max ≥ " + j % 40),
                    j % 7 == 0 ? null : j % 2 == 0 ? xs[j % xs.length] : j * 0.37,
                    j % 4 == 0 ? null : j % 3 == 0 ? Long.MIN_VALUE : Long.MAX_VALUE - j,
                    j % 6 == 0 ? null : j % 11 == 0 ? Integer.MIN_VALUE : j % 13,
                    j % 3 == 0 ? null : (Object) (j % 2 == 0),
                    4L + j}));
        }
        return rows;
    }

    private int files;

    /** Writes {@code rows} through Spark's Parquet writer, set up as for a task, with {@code support} as Parquet's write support. */
    private java.nio.file.Path file(Class<?> support, StructType schema, Map<String, String> options, List<InternalRow> rows) throws Exception {
        DriverParquet.Prepared p = DriverParquet.prepare(spark, schema, options);
        p.conf().set(ParquetOutputFormat.WRITE_SUPPORT_CLASS, support.getName());
        java.nio.file.Path file = tmp.resolve((files++) + "-" + support.getSimpleName() + ".snappy.parquet");
        OutputWriter w = p.factory().newInstance(file.toString(), schema, DriverParquet.context(p.conf(), 0, 0, 0));
        for (InternalRow row : rows) w.write(row);
        w.close();
        return file;
    }

    /** The file of {@code rows} through ours, directly and through a record consumer, is Spark's byte for byte; Spark's file. */
    private java.nio.file.Path assertSparksBytes(StructType schema, Map<String, String> options, List<InternalRow> rows) throws Exception {
        java.nio.file.Path theirs = file(ParquetWriteSupport.class, schema, options, rows);
        byte[] expected = Files.readAllBytes(theirs);
        assertArrayEquals(expected, Files.readAllBytes(file(TrajectoryWriteSupport.class, schema, options, rows)), "straight to the column writers");
        assertArrayEquals(expected, Files.readAllBytes(file(ThroughAConsumer.class, schema, options, rows)), "through the record consumer");
        assertEquals(rows.size(), blocks(theirs).stream().mapToLong(BlockMetaData::getRowCount).sum());
        return theirs;
    }

    /** The row groups of the Parquet file {@code file}. */
    static List<BlockMetaData> blocks(java.nio.file.Path file) throws Exception {
        try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(new Path(file.toUri()), new Configuration()))) {
            return r.getFooter().getBlocks();
        }
    }

    /** The number of pages of the first column in the first row group of {@code file}. */
    static int pagesOfFirstColumn(java.nio.file.Path file) throws Exception {
        try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(new Path(file.toUri()), new Configuration()))) {
            return r.readOffsetIndex(r.getFooter().getBlocks().get(0).getColumns().get(0)).getPageCount();
        }
    }

    /** Our write support, as Parquet creates one by its class name, with a set-up of its own around prepareForWrite. */
    abstract static class Wrapped extends WriteSupport<InternalRow> {
        final TrajectoryWriteSupport ours = new TrajectoryWriteSupport();

        @Override
        public WriteContext init(Configuration conf) {
            return ours.init(conf);
        }

        @Override
        public void write(InternalRow row) {
            ours.write(row);
        }

        @Override
        public FinalizedWriteContext finalizeWrite() {
            return ours.finalizeWrite();
        }
    }

    /** Our write support behind a record consumer that is not parquet-java's: its path through the consumer. */
    public static final class ThroughAConsumer extends Wrapped {
        @Override
        public void prepareForWrite(RecordConsumer consumer) {
            ours.prepareForWrite(new RecordConsumer() {
                @Override public void startMessage() { consumer.startMessage(); }
                @Override public void endMessage() { consumer.endMessage(); }
                @Override public void startField(String field, int index) { consumer.startField(field, index); }
                @Override public void endField(String field, int index) { consumer.endField(field, index); }
                @Override public void startGroup() { consumer.startGroup(); }
                @Override public void endGroup() { consumer.endGroup(); }
                @Override public void addInteger(int value) { consumer.addInteger(value); }
                @Override public void addLong(long value) { consumer.addLong(value); }
                @Override public void addBoolean(boolean value) { consumer.addBoolean(value); }
                @Override public void addBinary(Binary value) { consumer.addBinary(value); }
                @Override public void addFloat(float value) { consumer.addFloat(value); }
                @Override public void addDouble(double value) { consumer.addDouble(value); }
                @Override public void flush() { consumer.flush(); }
            });
            if (ours.direct()) throw new AssertionError("a consumer not parquet-java's own went unnoticed");
        }
    }

    /** Our write support as Spark's writer uses it, noting for each row group whether it went straight to the column writers. */
    public static final class Probe extends Wrapped {
        static final List<Boolean> direct = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void prepareForWrite(RecordConsumer consumer) {
            ours.prepareForWrite(consumer);
            direct.add(ours.direct());
        }
    }

    @Test
    void writesTheFilesOfSparksWriteSupportByteForByte() throws Exception {
        List<InternalRow> rows = trajectoryRows(25_000);
        // As the sweep writes them: one row group, one page per column, dictionaries where allowed.
        java.nio.file.Path f = assertSparksBytes(Schemas.trajectoryFile(), Schemas.trajectoryWriteOptions(), rows);
        assertEquals(1, blocks(f).size());
        assertTrue(blocks(f).get(0).getColumns().stream().anyMatch(c -> c.getEncodings().contains(Encoding.PLAIN_DICTIONARY)), "some dictionary");
        // Parquet's defaults: a page every 20 000 rows, dictionaries tried on every column.
        assertEquals(2, pagesOfFirstColumn(assertSparksBytes(Schemas.trajectoryFile(), Map.of(), rows)));
        // Small row groups: a new record consumer and store for each.
        f = assertSparksBytes(Schemas.trajectoryFile(), Map.of("parquet.block.size", "262144"), rows);
        assertTrue(blocks(f).size() >= 3, blocks(f).size() + " row groups");
    }

    @Test
    void writesSparksFilesOfNullableColumnsHoldingNullsAndOddValues() throws Exception {
        java.nio.file.Path f = assertSparksBytes(NULLABLE, Map.of(), oddRows(30_000));
        for (ColumnChunkMetaData c : blocks(f).get(0).getColumns()) {
            if (!c.getPath().toDotString().equals("k")) assertTrue(c.getStatistics().getNumNulls() > 0, c.getPath() + " holds nulls");
        }
        assertTrue(pagesOfFirstColumn(f) > 1);
        assertTrue(blocks(assertSparksBytes(NULLABLE, Map.of("parquet.block.size", "131072"), oddRows(30_000))).size() >= 3);
    }

    @Test
    void makesTheColumnWriterCallsOfParquetsRecordConsumerForSparksCalls() throws Exception {
        List<InternalRow> rows = trajectoryRows(26);
        List<String> ours = columnCalls(new TrajectoryWriteSupport(), Schemas.trajectoryFile(), rows);
        assertEquals(columnCalls(new ParquetWriteSupport(), Schemas.trajectoryFile(), rows), ours);
        assertTrue(ours.contains("run_id binary run-1 r=0 d=0") && ours.contains("d1 double " + Double.doubleToRawLongBits(Double.NaN) + " r=0 d=0"),
                "the rows' values went through");
        List<InternalRow> odd = oddRows(40);
        List<String> oddOurs = columnCalls(new TrajectoryWriteSupport(), NULLABLE, odd);
        assertEquals(columnCalls(new ParquetWriteSupport(), NULLABLE, odd), oddOurs);
        assertEquals(List.of("k long 3 r=0 d=0", "s null r=0 d=0", "x null r=0 d=0", "l null r=0 d=0", "i null r=0 d=0", "b null r=0 d=0"),
                oddOurs.subList(oddOurs.indexOf("k long 3 r=0 d=0"), oddOurs.indexOf("k long 3 r=0 d=0") + 6), "the nulls after the values");
        assertTrue(oddOurs.contains("x double " + Double.doubleToRawLongBits(-0.0) + " r=0 d=1"));
    }

    @Test
    void goesStraightToTheColumnWritersWithTheParquetJavaSparkBrings() throws Exception {
        // If this fails after an upgrade of Spark or parquet-java, the rows go through the record consumer:
        // the same files, only slower. TrajectoryWriteSupport reads the consumer's column store, a private field.
        Probe.direct.clear();
        file(Probe.class, Schemas.trajectoryFile(), Map.of("parquet.block.size", "262144"), trajectoryRows(25_000));
        assertTrue(Probe.direct.size() >= 3, "a row group each");
        assertEquals(Collections.nCopies(Probe.direct.size(), true), Probe.direct,
                "parquet-java " + ParquetOutputFormat.class.getPackage().getImplementationVersion() + " hands in a consumer whose store is not found");
    }

    @Test
    void throughAnotherRecordConsumerHandsItTheCallsSparksWriteSupportMakes() throws Exception {
        List<InternalRow> rows = trajectoryRows(26);
        List<String> ours = calls(new TrajectoryWriteSupport(), Schemas.trajectoryFile(), rows);
        assertEquals(calls(new ParquetWriteSupport(), Schemas.trajectoryFile(), rows), ours);
        assertTrue(ours.contains("binary run-1") && ours.contains("double " + Double.doubleToRawLongBits(Double.NaN)), "the rows' values went through");
        List<InternalRow> odd = oddRows(40);
        List<String> oddOurs = calls(new TrajectoryWriteSupport(), NULLABLE, odd);
        assertEquals(calls(new ParquetWriteSupport(), NULLABLE, odd), oddOurs);
        assertEquals(List.of("startMessage", "startField k 5", "long 3", "endField k 5", "endMessage"),
                oddOurs.subList(oddOurs.indexOf("long 3") - 2, oddOurs.indexOf("long 3") + 3), "nulls are fields left out");
    }

    @Test
    void refusesAColumnTypeTrajectoryFilesDoNotHave() throws Exception {
        StructType schema = new StructType().add("seed", DataTypes.LongType, false).add("when", DataTypes.TimestampType, true);
        DriverParquet.Prepared p = DriverParquet.prepare(spark, schema, Map.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TrajectoryWriteSupport().init(p.conf()));
        assertEquals("column when is timestamp; trajectory files hold only long, double, int, boolean and string columns", e.getMessage());
    }
}
