package org.memsweep.jobs.sweep;

import static org.memsweep.analysis.table.Columns.*;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.memsweep.analysis.table.TableColumn;

/** Spark schemas of the tables the sweep writes, built from the column declarations of {@link org.memsweep.analysis.table.Columns}. */
final class Schemas {
    private Schemas() {}

    private static List<StructField> fields(List<? extends TableColumn<?>> columns) {
        List<StructField> f = new ArrayList<>();
        for (TableColumn<?> c : columns) f.add(c.field());
        return f;
    }

    /**
     * trajectories/: one row per trajectory, its key columns (run_id, cell_id, n) then its results;
     * the cell's other parameters are in cells/ only (table format 4, see {@link org.memsweep.analysis.table.Columns#TRAJECTORY_KEY_COLUMNS}).
     */
    public static StructType trajectories() {
        List<StructField> f = fields(TRAJECTORY_KEY_COLUMNS);
        f.addAll(fields(TRAJECTORY_COLUMNS));
        return DataTypes.createStructType(f);
    }

    /**
     * The columns of a trajectories/ file: {@link #trajectories()} without {@code n}, which is the
     * file's folder ({@code n=…}), in the order Spark's partitioned write keeps them.
     */
    public static StructType trajectoryFile() {
        List<StructField> f = new ArrayList<>();
        for (StructField x : trajectories().fields()) if (!x.name().equals(N)) f.add(x);
        return DataTypes.createStructType(f);
    }

    /**
     * The values of a cell's {@link org.memsweep.analysis.table.Columns#TRAJECTORY_KEY_COLUMNS} that
     * its rows in a file hold (all but {@code n}, the folder), as Spark stores them internally
     * (strings as {@link UTF8String}): read once per block, the first values of its {@link TrajectoryRow}.
     */
    public static Object[] trajectoryFileKey(CellKey key) {
        List<Object> v = new ArrayList<>();
        for (TableColumn<CellKey> c : TRAJECTORY_KEY_COLUMNS) if (!c.name().equals(N)) v.add(internal(c.read(key)));
        return v.toArray();
    }

    /**
     * A column value as Spark's internal rows hold it: a string as {@link UTF8String}; the boxed
     * numbers and booleans the declarations give are already Spark's.
     */
    private static Object internal(Object v) {
        return v instanceof String s ? UTF8String.fromString(s) : v;
    }

    /** The row of {@link #cells()}: a cell's key columns, then its result columns read from its aggregate. */
    public static Row cellRow(CellKey key, CellAggregate aggregate) {
        Object[] v = new Object[KEY_COLUMNS.size() + CELL_COLUMNS.size()];
        TableColumn.readAll(CELL_COLUMNS, aggregate, v, TableColumn.readAll(KEY_COLUMNS, key, v, 0));
        return RowFactory.create(v);
    }

    /**
     * Parquet options of trajectories/: no dictionary for the per-trajectory columns whose values
     * are all distinct (seeds, distances, times). Dictionary encoding tries them, fails, and falls
     * back to plain after a page, which cost a third of the time spent writing a row; run_id,
     * cell_id, category and the other low-cardinality columns keep it. And no limit of rows per
     * page (Parquet's default ends every column's page at 20 000 rows): pages end at Parquet's page
     * size (1 MB) only, so a task's file (one block, 50 000 rows by default) holds one page per
     * column instead of three, each page costing its buffers, compression, header and index
     * entry for every column. Row-group statistics are unchanged; page-level indexes get coarser,
     * within files that small.
     */
    public static java.util.Map<String, String> trajectoryWriteOptions() {
        java.util.Map<String, String> o = new java.util.LinkedHashMap<>();
        o.put("parquet.page.row.count.limit", String.valueOf(Integer.MAX_VALUE));
        for (String c : List.of(SEED_INDEX, SEED, LINF_VERTEX, LINF_NEAREST, D1, D2, NN_RATIO, COMPUTE_NS)) {
            o.put("parquet.enable.dictionary#" + c, "false");
        }
        return o;
    }

    /** cells/: one row per cell. */
    public static StructType cells() {
        List<StructField> f = fields(KEY_COLUMNS);
        f.addAll(fields(CELL_COLUMNS));
        return DataTypes.createStructType(f);
    }

    /** runs/: one row per run. */
    public static StructType runs() {
        return DataTypes.createStructType(List.of(
                DataTypes.createStructField(RUN_ID, DataTypes.StringType, false),
                DataTypes.createStructField(SPEC, DataTypes.StringType, false),
                DataTypes.createStructField(CODE_VERSION, DataTypes.StringType, false),
                DataTypes.createStructField(SPARK_MASTER, DataTypes.StringType, false),
                DataTypes.createStructField(STARTED_AT, DataTypes.TimestampType, false),
                DataTypes.createStructField(ENDED_AT, DataTypes.TimestampType, false),
                DataTypes.createStructField(STATUS, DataTypes.StringType, false),
                DataTypes.createStructField(CELLS_TOTAL, DataTypes.IntegerType, false),
                DataTypes.createStructField(CELLS_COMPUTED, DataTypes.IntegerType, false),
                DataTypes.createStructField(CELLS_SKIPPED, DataTypes.IntegerType, false),
                DataTypes.createStructField(TRAJECTORY_COUNT, DataTypes.LongType, false)));
    }
}
