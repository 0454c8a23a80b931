package org.memsweep.analysis.table;

import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * One declared column of a result table: its name, Spark type, nullability and how its value is
 * read from the object a row is written from ({@code S}: a trajectory, a cell's counts, a cell's key).
 * Declared once in {@link Columns}; the schemas and the row writers iterate the declarations.
 */
public record TableColumn<S>(String name, DataType type, boolean nullable, Function<? super S, Object> reader) {
    /** The Spark field of this column. */
    public StructField field() {
        return DataTypes.createStructField(name, type, nullable);
    }

    /** The value this column records for {@code source} (boxed as Spark's row wants it). */
    public Object read(S source) {
        return reader.apply(source);
    }

    /**
     * A column of Spark type long, never null, whose reader also gives its value unboxed: writers that
     * take primitives (the sweep's trajectory rows, one per trajectory) read it without allocating.
     */
    public static <S> TableColumn<S> ofLong(String name, LongReader<S> reader) {
        return new TableColumn<>(name, DataTypes.LongType, false, reader);
    }

    /** As {@link #ofLong}, for a double column. */
    public static <S> TableColumn<S> ofDouble(String name, DoubleReader<S> reader) {
        return new TableColumn<>(name, DataTypes.DoubleType, false, reader);
    }

    /** As {@link #ofLong}, for an integer column. */
    public static <S> TableColumn<S> ofInt(String name, IntReader<S> reader) {
        return new TableColumn<>(name, DataTypes.IntegerType, false, reader);
    }

    /** As {@link #ofLong}, for a boolean column. */
    public static <S> TableColumn<S> ofBoolean(String name, BooleanReader<S> reader) {
        return new TableColumn<>(name, DataTypes.BooleanType, false, reader);
    }

    /** A reader of a long value: {@link #apply} boxes what {@link #readLong} gives. */
    @FunctionalInterface
    public interface LongReader<S> extends Function<S, Object> {
        long readLong(S source);

        @Override
        default Object apply(S source) {
            return readLong(source);
        }
    }

    /** A reader of a double value: {@link #apply} boxes what {@link #readDouble} gives. */
    @FunctionalInterface
    public interface DoubleReader<S> extends Function<S, Object> {
        double readDouble(S source);

        @Override
        default Object apply(S source) {
            return readDouble(source);
        }
    }

    /** A reader of an int value: {@link #apply} boxes what {@link #readInt} gives. */
    @FunctionalInterface
    public interface IntReader<S> extends Function<S, Object> {
        int readInt(S source);

        @Override
        default Object apply(S source) {
            return readInt(source);
        }
    }

    /** A reader of a boolean value: {@link #apply} boxes what {@link #readBoolean} gives. */
    @FunctionalInterface
    public interface BooleanReader<S> extends Function<S, Object> {
        boolean readBoolean(S source);

        @Override
        default Object apply(S source) {
            return readBoolean(source);
        }
    }

    /** Writes the values of {@code columns} for {@code source} into {@code out} from {@code at}; returns the next free index. */
    public static <S> int readAll(List<TableColumn<S>> columns, S source, Object[] out, int at) {
        for (TableColumn<S> c : columns) out[at++] = c.read(source);
        return at;
    }
}
