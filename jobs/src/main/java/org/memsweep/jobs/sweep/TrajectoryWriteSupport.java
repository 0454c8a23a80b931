package org.memsweep.jobs.sweep;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.execution.datasources.parquet.ParquetWriteSupport;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * How the rows of trajectories/ files reach Parquet: Spark's {@link ParquetWriteSupport} for everything but the
 * rows themselves (the Parquet schema, the footer's metadata, the writer set-up all come from it, so the files stay
 * Spark's), and a loop of its own that hands each field to Parquet's record consumer: the same calls in the same
 * order as Spark's (a test compares them), without Spark's per-field closures and boxed field indexes, about a
 * tenth of a row's write cost. Only the column types trajectories/ has (long, double, int, boolean, string; flat,
 * nullable or not); any other type is refused when the writer opens. Named in the writer's Hadoop configuration
 * ({@link TrajectoryFiles#prepare}); Parquet creates it by its class name, hence public.
 */
public final class TrajectoryWriteSupport extends WriteSupport<InternalRow> {
    private static final int LONG = 0, DOUBLE = 1, INT = 2, BOOLEAN = 3, STRING = 4;
    private final ParquetWriteSupport spark = new ParquetWriteSupport();
    private RecordConsumer consumer;
    private String[] names;
    private int[] kinds;

    @Override
    public WriteContext init(Configuration conf) {
        WriteContext context = spark.init(conf);
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

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        consumer = recordConsumer;
        spark.prepareForWrite(recordConsumer);
    }

    @Override
    public void write(InternalRow row) {
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
