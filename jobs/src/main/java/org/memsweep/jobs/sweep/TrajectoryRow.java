package org.memsweep.jobs.sweep;

import static org.memsweep.analysis.table.Columns.TRAJECTORY_COLUMNS;

import java.util.List;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.unsafe.types.UTF8String;
import org.memsweep.analysis.table.TableColumn;
import org.memsweep.analysis.table.TableColumn.BooleanReader;
import org.memsweep.analysis.table.TableColumn.DoubleReader;
import org.memsweep.analysis.table.TableColumn.IntReader;
import org.memsweep.analysis.table.TableColumn.LongReader;
import org.memsweep.engine.cell.Trajectory;

/**
 * A row of a trajectories/ file ({@link Schemas#trajectoryFile}) as Spark's Parquet writer reads it,
 * reused from trajectory to trajectory: first the cell's key values ({@link Schemas#trajectoryFileKey},
 * fixed for a block), then the columns of the trajectory {@link #of} points it at, read from it when
 * the writer asks, through the declarations of {@link org.memsweep.analysis.table.Columns#TRAJECTORY_COLUMNS}.
 * The typed getters use the declarations' unboxed readers, and a string column's values are converted
 * to Spark's {@link UTF8String} once per distinct string instance (a category's name is one constant),
 * so writing a row allocates nothing: boxing the values and converting the category string was about
 * a quarter of a row's cost in the tasks. The values are the boxed readers' ({@link #genericGet}, which
 * {@code get}, {@code copy} and {@code toSeq} use; a test compares the two). Read-only but for the
 * key: {@code update} changes a key value, never a trajectory's.
 */
final class TrajectoryRow extends GenericInternalRow {
    /** The number of key values before the trajectory's columns. */
    private final int base;
    private final List<TableColumn<Trajectory>> columns;
    // Per trajectory column, its unboxed reader when it has one of that type (else null).
    private final LongReader<Trajectory>[] longs;
    private final DoubleReader<Trajectory>[] doubles;
    private final IntReader<Trajectory>[] ints;
    private final BooleanReader<Trajectory>[] booleans;
    /** Per string column, the strings seen (by identity) and their UTF8String, up to {@link #CACHED} of them. */
    private final String[][] seen;
    private final UTF8String[][] converted;
    private static final int CACHED = 16;
    private Trajectory t;

    /** A row with the key values {@code key} ({@link Schemas#trajectoryFileKey}); point it at a trajectory with {@link #of}. */
    TrajectoryRow(Object[] key) {
        this(key, TRAJECTORY_COLUMNS);
    }

    /** A row of {@code key}, then {@code columns} (tests use their own). */
    @SuppressWarnings("unchecked")
    TrajectoryRow(Object[] key, List<TableColumn<Trajectory>> columns) {
        super(key.length + columns.size());
        System.arraycopy(key, 0, values(), 0, key.length);
        base = key.length;
        this.columns = columns;
        int n = columns.size();
        longs = new LongReader[n];
        doubles = new DoubleReader[n];
        ints = new IntReader[n];
        booleans = new BooleanReader[n];
        seen = new String[n][];
        converted = new UTF8String[n][];
        for (int j = 0; j < n; j++) {
            Object r = columns.get(j).reader();
            if (r instanceof LongReader<?> x) longs[j] = (LongReader<Trajectory>) x;
            if (r instanceof DoubleReader<?> x) doubles[j] = (DoubleReader<Trajectory>) x;
            if (r instanceof IntReader<?> x) ints[j] = (IntReader<Trajectory>) x;
            if (r instanceof BooleanReader<?> x) booleans[j] = (BooleanReader<Trajectory>) x;
            if (columns.get(j).type().equals(DataTypes.StringType)) {
                seen[j] = new String[CACHED];
                converted[j] = new UTF8String[CACHED];
            }
        }
    }

    /** This row, now holding {@code trajectory}'s columns. */
    TrajectoryRow of(Trajectory trajectory) {
        t = trajectory;
        return this;
    }

    @Override
    public Object genericGet(int ordinal) {
        if (ordinal < base) return values()[ordinal];
        int j = ordinal - base;
        Object v = columns.get(j).read(t);
        return v instanceof String s ? utf8(j, s) : v;
    }

    @Override
    public boolean isNullAt(int ordinal) {
        int j = ordinal - base;
        if (j >= 0 && !columns.get(j).nullable()) return false; // declared never null (a primitive reader cannot give null)
        return genericGet(ordinal) == null;
    }

    @Override
    public long getLong(int ordinal) {
        int j = ordinal - base;
        return j >= 0 && longs[j] != null ? longs[j].readLong(t) : super.getLong(ordinal);
    }

    @Override
    public double getDouble(int ordinal) {
        int j = ordinal - base;
        return j >= 0 && doubles[j] != null ? doubles[j].readDouble(t) : super.getDouble(ordinal);
    }

    @Override
    public int getInt(int ordinal) {
        int j = ordinal - base;
        return j >= 0 && ints[j] != null ? ints[j].readInt(t) : super.getInt(ordinal);
    }

    @Override
    public boolean getBoolean(int ordinal) {
        int j = ordinal - base;
        return j >= 0 && booleans[j] != null ? booleans[j].readBoolean(t) : super.getBoolean(ordinal);
    }

    @Override
    public scala.collection.immutable.Seq<Object> toSeq(scala.collection.immutable.Seq<org.apache.spark.sql.types.DataType> fieldTypes) {
        return copy().toSeq(fieldTypes);
    }

    /** {@code s} as a UTF8String, converted once per string instance (up to {@link #CACHED} per column, then each time). */
    private UTF8String utf8(int j, String s) {
        String[] keys = seen[j];
        for (int i = 0; i < CACHED; i++) {
            if (keys[i] == s) return converted[j][i];
            if (keys[i] == null) {
                keys[i] = s;
                return converted[j][i] = UTF8String.fromString(s);
            }
        }
        return UTF8String.fromString(s);
    }
}
