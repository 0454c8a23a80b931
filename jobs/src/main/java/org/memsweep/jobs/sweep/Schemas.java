package org.memsweep.jobs.sweep;

import static org.memsweep.analysis.table.Columns.*;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.memsweep.analysis.table.Columns.Outcome;
import org.memsweep.engine.cell.Param;

/** Spark schemas of the tables the sweep writes (column names from {@link org.memsweep.analysis.table.Columns}). */
public final class Schemas {
    private Schemas() {}

    static DataType typeOf(Param p) {
        return switch (p.type()) {
            case STRING -> DataTypes.StringType;
            case INT -> DataTypes.IntegerType;
            case LONG -> DataTypes.LongType;
            case DOUBLE -> DataTypes.DoubleType;
        };
    }

    private static List<StructField> head() {
        List<StructField> f = new ArrayList<>();
        f.add(DataTypes.createStructField(RUN_ID, DataTypes.StringType, false));
        f.add(DataTypes.createStructField(CELL_ID, DataTypes.StringType, false));
        // nullable: a parameter a cell does not use is recorded as null (Param#appliesTo)
        for (Param p : Param.values()) f.add(DataTypes.createStructField(p.column(), typeOf(p), true));
        return f;
    }

    /** trajectories/: one row per trajectory. */
    public static StructType trajectories() {
        List<StructField> f = head();
        f.addAll(resultFields());
        return DataTypes.createStructType(f);
    }

    /** What a task computes per trajectory: cell_id and the result columns (the parameters are joined on). */
    public static StructType results() {
        List<StructField> f = new ArrayList<>();
        f.add(DataTypes.createStructField(CELL_ID, DataTypes.StringType, false));
        f.addAll(resultFields());
        return DataTypes.createStructType(f);
    }

    /** run_id, cell_id and every parameter of a cell. */
    public static StructType cellParameters() {
        return DataTypes.createStructType(head());
    }

    private static List<StructField> resultFields() {
        List<StructField> f = new ArrayList<>();
        f.add(DataTypes.createStructField(SEED_INDEX, DataTypes.LongType, false));
        f.add(DataTypes.createStructField(SEED, DataTypes.LongType, false));
        f.add(DataTypes.createStructField(CATEGORY, DataTypes.StringType, false));
        f.add(DataTypes.createStructField(VERTEX_ORDER, DataTypes.IntegerType, false));
        f.add(DataTypes.createStructField(BOUNDARY, DataTypes.BooleanType, false));
        f.add(DataTypes.createStructField(LINF_VERTEX, DataTypes.DoubleType, false));
        f.add(DataTypes.createStructField(LINF_NEAREST, DataTypes.DoubleType, false));
        f.add(DataTypes.createStructField(D1, DataTypes.DoubleType, false));
        f.add(DataTypes.createStructField(D2, DataTypes.DoubleType, false));
        f.add(DataTypes.createStructField(NN_RATIO, DataTypes.DoubleType, false));
        f.add(DataTypes.createStructField(NN_MEMORIZED, DataTypes.BooleanType, false));
        f.add(DataTypes.createStructField(STEPS_TAKEN, DataTypes.IntegerType, false));
        f.add(DataTypes.createStructField(CONVERGED, DataTypes.BooleanType, false));
        f.add(DataTypes.createStructField(COMPUTE_NS, DataTypes.LongType, false));
        return f;
    }

    /**
     * Parquet options of trajectories/: no dictionary for the per-trajectory columns whose values
     * are all distinct (seeds, distances, times). Dictionary encoding tries them, fails, and falls
     * back to plain after a page, which cost a third of the time spent writing a row; the cell's
     * parameters, category and the other low-cardinality columns keep it.
     */
    public static java.util.Map<String, String> trajectoryWriteOptions() {
        java.util.Map<String, String> o = new java.util.LinkedHashMap<>();
        for (String c : List.of(SEED_INDEX, SEED, LINF_VERTEX, LINF_NEAREST, D1, D2, NN_RATIO, COMPUTE_NS)) {
            o.put("parquet.enable.dictionary#" + c, "false");
        }
        return o;
    }

    /** cells/: one row per cell. */
    public static StructType cells() {
        List<StructField> f = head();
        f.add(DataTypes.createStructField(SEEDS, DataTypes.LongType, false));
        for (Outcome o : Outcome.values()) f.add(DataTypes.createStructField(o.countColumn(), DataTypes.LongType, false));
        for (Outcome o : Outcome.values()) {
            f.add(DataTypes.createStructField(o.fracColumn(), DataTypes.DoubleType, false));
            f.add(DataTypes.createStructField(o.loColumn(), DataTypes.DoubleType, false));
            f.add(DataTypes.createStructField(o.hiColumn(), DataTypes.DoubleType, false));
        }
        // Nullable: a cells table written before these columns existed reads NULL (unknown) there.
        f.add(DataTypes.createStructField(N_UNCONVERGED, DataTypes.LongType, true));
        f.add(DataTypes.createStructField(FRAC_UNCONVERGED, DataTypes.DoubleType, true));
        for (Outcome o : Outcome.withExact()) f.add(DataTypes.createStructField(o.exactColumn(), DataTypes.DoubleType, true));
        f.add(DataTypes.createStructField(COMPUTE_SECONDS, DataTypes.DoubleType, false));
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
