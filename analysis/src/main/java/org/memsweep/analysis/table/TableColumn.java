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

    /** Writes the values of {@code columns} for {@code source} into {@code out} from {@code at}; returns the next free index. */
    public static <S> int readAll(List<TableColumn<S>> columns, S source, Object[] out, int at) {
        for (TableColumn<S> c : columns) out[at++] = c.read(source);
        return at;
    }
}
