package org.memsweep.jobs.sweep;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.execution.datasources.parquet.ParquetWriteSupport;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * How the rows of trajectories/ files reach Parquet: Spark's {@link ParquetWriteSupport} for everything but the
 * rows themselves (the Parquet schema, the footer's metadata, the writer set-up all come from it, so the files stay
 * Spark's), and a loop of its own that writes each field straight to parquet-java's column writers, making on them
 * the calls parquet-java's record consumer makes for Spark's calls (tests compare the calls, and the files byte for
 * byte), without the consumer's per-field bookkeeping (about 30 % of a row's write cost) nor Spark's per-field
 * closures and boxed field indexes (about a tenth). The column writers are the record consumer's, read from its
 * private field; where that is not possible (another parquet-java, a wrapping consumer) the same loop hands the
 * fields to the record consumer, as Spark does: the same files, only slower. Only the column types trajectories/
 * has (long, double, int, boolean, string; flat, nullable or not); any other type is refused when the writer opens.
 * Named in the writer's Hadoop configuration ({@link TrajectoryFiles#prepare}); Parquet creates it by its class
 * name, hence public.
 */
public final class TrajectoryWriteSupport extends WriteSupport<InternalRow> {
    private static final int LONG = 0, DOUBLE = 1, INT = 2, BOOLEAN = 3, STRING = 4;
    /** The column store field of parquet-java's record consumer (1.17.0), or null where it is not as expected. */
    private static final Field STORE = storeField();
    private final ParquetWriteSupport spark = new ParquetWriteSupport();
    private MessageType parquetSchema;
    private RecordConsumer consumer;
    private String[] names;
    private int[] kinds;
    /** The record consumer's column store and its writers, one per field; null: through the consumer. */
    private ColumnWriteStore store;
    private ColumnWriter[] writers;
    private int[] maxDefinition;

    @Override
    public WriteContext init(Configuration conf) {
        WriteContext context = spark.init(conf);
        parquetSchema = context.getSchema();
        StructType schema = (StructType) DataType.fromJson(conf.get(ParquetWriteSupport.SPARK_ROW_SCHEMA()));
        names = schema.fieldNames();
        kinds = new int[names.length];
        for (int i = 0; i < names.length; i++) kinds[i] = kind(schema.fields()[i]);
        return context;
    }

    private static int kind(StructField f) {
        DataType t = f.dataType();
        if (t.equals(DataTypes.LongType)) return LONG;
        if (t.equals(DataTypes.DoubleType)) return DOUBLE;
        if (t.equals(DataTypes.IntegerType)) return INT;
        if (t.equals(DataTypes.BooleanType)) return BOOLEAN;
        if (t.equals(DataTypes.StringType)) return STRING;
        throw new IllegalArgumentException("column " + f.name() + " is " + t.simpleString()
                + "; trajectory files hold only long, double, int, boolean and string columns");
    }

    private static Field storeField() {
        try {
            Field f = Class.forName("org.apache.parquet.io.MessageColumnIO$MessageColumnIORecordConsumer").getDeclaredField("columns");
            if (f.getType() != ColumnWriteStore.class || Modifier.isStatic(f.getModifiers())) return null;
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Called again for each row group, with a new consumer and store. */
    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        consumer = recordConsumer;
        spark.prepareForWrite(recordConsumer);
        store = null;
        List<ColumnDescriptor> columns = parquetSchema.getColumns();
        if (STORE == null || recordConsumer.getClass() != STORE.getDeclaringClass() || columns.size() != names.length) return;
        ColumnWriteStore s;
        try {
            s = (ColumnWriteStore) STORE.get(recordConsumer);
        } catch (IllegalAccessException e) {
            return;
        }
        writers = new ColumnWriter[names.length];
        maxDefinition = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            ColumnDescriptor c = columns.get(i);
            // A flat schema's top-level columns only: r and d below hold for nothing else.
            if (c.getPath().length != 1 || !c.getPath()[0].equals(names[i]) || c.getMaxRepetitionLevel() != 0) return;
            writers[i] = s.getColumnWriter(c);
            maxDefinition[i] = c.getMaxDefinitionLevel();
        }
        store = s;
    }

    /** Whether rows go straight to the column writers (tests: they do with the pinned parquet-java). */
    boolean direct() {
        return store != null;
    }

    @Override
    public void write(InternalRow row) {
        if (store == null) {
            writeThroughConsumer(row);
            return;
        }
        // What parquet-java's record consumer does for Spark's calls: each value at r = 0 and the column's
        // maximum d; at endMessage, r = d = 0 for each field left out (a null), a flush when the store asks
        // (a no-op for a flat schema, kept so the calls stay the consumer's), endRecord.
        boolean nulls = false;
        for (int i = 0; i < writers.length; i++) {
            if (row.isNullAt(i)) {
                nulls = true;
                continue;
            }
            ColumnWriter w = writers[i];
            int d = maxDefinition[i];
            switch (kinds[i]) {
                case LONG -> w.write(row.getLong(i), 0, d);
                case DOUBLE -> w.write(row.getDouble(i), 0, d);
                case INT -> w.write(row.getInt(i), 0, d);
                case BOOLEAN -> w.write(row.getBoolean(i), 0, d);
                default -> w.write(Binary.fromReusedByteArray(row.getUTF8String(i).getBytes()), 0, d);
            }
        }
        if (nulls) {
            for (int i = 0; i < writers.length; i++) if (row.isNullAt(i)) writers[i].writeNull(0, 0);
        }
        if (store.isColumnFlushNeeded()) consumer.flush();
        store.endRecord();
    }

    private void writeThroughConsumer(InternalRow row) {
        consumer.startMessage();
        for (int i = 0; i < names.length; i++) {
            if (row.isNullAt(i)) continue; // a null is a field left out, as Spark writes it
            consumer.startField(names[i], i);
            switch (kinds[i]) {
                case LONG -> consumer.addLong(row.getLong(i));
                case DOUBLE -> consumer.addDouble(row.getDouble(i));
                case INT -> consumer.addInteger(row.getInt(i));
                case BOOLEAN -> consumer.addBoolean(row.getBoolean(i));
                default -> consumer.addBinary(Binary.fromReusedByteArray(row.getUTF8String(i).getBytes()));
            }
            consumer.endField(names[i], i);
        }
        consumer.endMessage();
    }

    @Override
    public FinalizedWriteContext finalizeWrite() {
        return spark.finalizeWrite();
    }
}
