package org.memsweep.analysis.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.memsweep.engine.classify.Category;

/**
 * The columns of the experiments' tables (science.md §7), declared once: the commands that write
 * them ({@code memsweep experiment …}) and the report that reads them use these schemas.
 * {@link SqlQuery#VIRTUAL_POINTS_TABLE} and {@link SqlQuery#FLOWS_TABLE} say where they live.
 */
public final class ExperimentTables {
    private ExperimentTables() {}

    private static final DataType DOUBLES = DataTypes.createArrayType(DataTypes.DoubleType, false);

    /** The columns of experiments/virtual_points/: one row per (denoiser, k). */
    public static StructType virtualPoints() {
        List<StructField> f = new ArrayList<>();
        f.add(DataTypes.createStructField("run_id", DataTypes.StringType, false));
        f.add(DataTypes.createStructField("created", DataTypes.TimestampType, false));
        f.add(DataTypes.createStructField("denoiser", DataTypes.StringType, false));
        f.add(DataTypes.createStructField("k", DataTypes.IntegerType, false));
        f.add(DataTypes.createStructField("stable", DataTypes.LongType, false));
        f.add(DataTypes.createStructField("total", DataTypes.LongType, false));
        f.add(DataTypes.createStructField("fraction", DataTypes.DoubleType, false));
        f.add(DataTypes.createStructField("wilson_lo", DataTypes.DoubleType, false));
        f.add(DataTypes.createStructField("wilson_hi", DataTypes.DoubleType, false));
        f.add(DataTypes.createStructField("paper_stable", DataTypes.LongType, false));
        f.add(DataTypes.createStructField("paper_fraction", DataTypes.DoubleType, false));
        for (Category c : Category.values()) {
            f.add(DataTypes.createStructField("unstable_" + c.name().toLowerCase(Locale.ROOT), DataTypes.LongType, false));
        }
        f.add(DataTypes.createStructField("unconverged", DataTypes.LongType, false));
        f.add(DataTypes.createStructField("iterations", DataTypes.LongType, false));
        f.add(DataTypes.createStructField("d", DataTypes.IntegerType, false));
        f.add(DataTypes.createStructField("n", DataTypes.IntegerType, false));
        f.add(DataTypes.createStructField("sigma", DataTypes.DoubleType, false));
        f.add(DataTypes.createStructField("alpha", DataTypes.DoubleType, false));
        f.add(DataTypes.createStructField("radius", DataTypes.DoubleType, false));
        f.add(DataTypes.createStructField("max_iterations", DataTypes.IntegerType, false));
        f.add(DataTypes.createStructField("train_settings", DataTypes.StringType, false));
        f.add(DataTypes.createStructField("train_cost", DataTypes.DoubleType, false));
        f.add(DataTypes.createStructField("train_residual", DataTypes.DoubleType, false));
        f.add(DataTypes.createStructField("train_steps", DataTypes.LongType, false));
        f.add(DataTypes.createStructField("train_seconds", DataTypes.DoubleType, false));
        f.add(DataTypes.createStructField("train_met_tolerance", DataTypes.BooleanType, false));
        f.add(DataTypes.createStructField("closed_form_cost", DataTypes.DoubleType, false));
        f.add(DataTypes.createStructField("seed", DataTypes.LongType, false));
        return DataTypes.createStructType(f);
    }

    /** The columns of experiments/flows/: one row per (flow, denoiser): the endpoint mix, the settings, and each network's training record. */
    public static StructType flows() {
        List<StructField> f = new ArrayList<>();
        f.add(DataTypes.createStructField("run_id", DataTypes.StringType, false));
        f.add(DataTypes.createStructField("created", DataTypes.TimestampType, false));
        f.add(DataTypes.createStructField("flow", DataTypes.StringType, false));
        f.add(DataTypes.createStructField("denoiser", DataTypes.StringType, false));
        f.add(DataTypes.createStructField("starts", DataTypes.IntegerType, false));
        for (Category c : Category.values()) {
            f.add(DataTypes.createStructField("n_" + c.name().toLowerCase(Locale.ROOT), DataTypes.LongType, false));
        }
        f.add(DataTypes.createStructField("n_boundary", DataTypes.LongType, false));
        f.add(DataTypes.createStructField("n_memorized", DataTypes.LongType, false));
        for (Category c : Category.values()) {
            f.add(DataTypes.createStructField("frac_" + c.name().toLowerCase(Locale.ROOT), DataTypes.DoubleType, false));
        }
        f.add(DataTypes.createStructField("frac_boundary", DataTypes.DoubleType, false));
        f.add(DataTypes.createStructField("frac_memorized", DataTypes.DoubleType, false));
        f.add(DataTypes.createStructField("frac_memorized_lo", DataTypes.DoubleType, false));
        f.add(DataTypes.createStructField("frac_memorized_hi", DataTypes.DoubleType, false));
        f.add(DataTypes.createStructField("n_unconverged", DataTypes.LongType, false));
        f.add(DataTypes.createStructField("mean_steps", DataTypes.DoubleType, false));
        f.add(DataTypes.createStructField("seconds", DataTypes.DoubleType, false));
        f.add(DataTypes.createStructField("paper", DataTypes.StringType, false));
        f.add(DataTypes.createStructField("d", DataTypes.IntegerType, false));
        f.add(DataTypes.createStructField("n", DataTypes.IntegerType, false));
        // Score flow's parameters (NULL on probability-flow rows) and the probability flow's (NULL on score-flow rows).
        f.add(DataTypes.createStructField("sigma", DataTypes.DoubleType, true));
        f.add(DataTypes.createStructField("eta", DataTypes.DoubleType, true));
        f.add(DataTypes.createStructField("tol", DataTypes.DoubleType, true));
        f.add(DataTypes.createStructField("max_steps", DataTypes.IntegerType, true));
        f.add(DataTypes.createStructField("sigma_max", DataTypes.DoubleType, true));
        f.add(DataTypes.createStructField("sigma_min", DataTypes.DoubleType, true));
        f.add(DataTypes.createStructField("steps", DataTypes.IntegerType, true));
        f.add(DataTypes.createStructField("karras_rho", DataTypes.DoubleType, true));
        f.add(DataTypes.createStructField("sigma_switch", DataTypes.DoubleType, true));
        f.add(DataTypes.createStructField("high_noise", DataTypes.StringType, true));
        f.add(DataTypes.createStructField("low_noise", DataTypes.StringType, false));
        f.add(DataTypes.createStructField("start_mean", DataTypes.StringType, false));
        f.add(DataTypes.createStructField("start_scale", DataTypes.DoubleType, false));
        f.add(DataTypes.createStructField("tau", DataTypes.DoubleType, false));
        f.add(DataTypes.createStructField("alpha", DataTypes.DoubleType, false));
        f.add(DataTypes.createStructField("master_seed", DataTypes.LongType, false));
        f.add(DataTypes.createStructField("train_settings", DataTypes.StringType, false));
        // One entry per trained network the row used (empty on closed-form rows); bank_keys join with the bank view.
        f.add(DataTypes.createStructField("net_sigmas", DOUBLES, false));
        f.add(DataTypes.createStructField("bank_keys", DataTypes.createArrayType(DataTypes.StringType, false), false));
        f.add(DataTypes.createStructField("net_costs", DOUBLES, false));
        f.add(DataTypes.createStructField("net_residuals", DOUBLES, false));
        f.add(DataTypes.createStructField("net_steps", DataTypes.createArrayType(DataTypes.LongType, false), false));
        f.add(DataTypes.createStructField("net_seconds", DOUBLES, false));
        f.add(DataTypes.createStructField("net_met_tolerance", DataTypes.createArrayType(DataTypes.BooleanType, false), false));
        return DataTypes.createStructType(f);
    }
}
