package org.memsweep.analysis.table;

import org.memsweep.analysis.stat.Wilson;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The names of the tables under an output root and of their columns: the one place both the sweep
 * writer and the readers take them from, so a rename cannot leave a reader behind.
 *
 * <p>Cell parameters are deliberately <em>not</em> a closed list for readers: every column that is
 * not in {@link #NON_PARAMETER_COLUMNS} is a parameter ({@link #parameterColumns(StructType)}), so a
 * parameter added to the sweep later needs no change here. {@link #KNOWN_PARAMETERS} is the
 * writer's column order today and nothing more.
 */
public final class Columns {
    private Columns() {}

    // Table folders under the output root.
    public static final String CELLS = "cells";
    public static final String TRAJECTORIES = "trajectories";
    public static final String RUNS = "runs";
    public static final String BANK = "bank";
    /** Every table a query may see, in the order views are registered. */
    public static final List<String> TABLES = List.of(TRAJECTORIES, CELLS, RUNS, BANK);

    // Bookkeeping shared by cells and trajectories.
    public static final String RUN_ID = "run_id";
    public static final String CELL_ID = "cell_id";

    // Cell parameters known today.
    public static final String DATASET = "dataset";
    /** Training-set size, the axis of the memorization trend; trajectories are partitioned by it. */
    public static final String N = "n";
    public static final String D = "d";
    public static final String KAPPA = "kappa";
    public static final String NORMS = "norms";
    public static final String ROTATION = "rotation";
    public static final String ALPHA = "alpha";
    public static final String FLOW = "flow";
    public static final String SOLVER = "solver";
    public static final String SIGMA_MAX = "sigma_max";
    public static final String SIGMA_MIN = "sigma_min";
    public static final String STEPS = "steps";
    public static final String KARRAS_RHO = "karras_rho";
    public static final String ETA = "eta";
    public static final String SIGMA = "sigma";
    public static final String TOL = "tol";
    public static final String MAX_STEPS = "max_steps";
    public static final String START_MEAN = "start_mean";
    public static final String START_SCALE = "start_scale";
    public static final String HIGH_NOISE = "high_noise";
    public static final String LOW_NOISE = "low_noise";
    public static final String SIGMA_SWITCH = "sigma_switch";
    public static final String TAU = "tau";
    /** Frame of the classification's L∞ distances: data (rotation undone) or ambient. */
    public static final String FRAME = "frame";
    public static final String MASTER_SEED = "master_seed";

    /** The writer's parameter columns in table order; readers discover parameters instead. */
    public static final List<String> KNOWN_PARAMETERS = List.of(DATASET, N, D, KAPPA, NORMS, ROTATION,
            ALPHA, FLOW, SOLVER, SIGMA_MAX, SIGMA_MIN, STEPS, KARRAS_RHO, ETA, SIGMA, TOL, MAX_STEPS,
            START_MEAN, START_SCALE, HIGH_NOISE, LOW_NOISE, SIGMA_SWITCH, TAU, FRAME, MASTER_SEED);

    // cells: results.
    /** Number of trajectories in the cell (the denominator of every fraction). */
    public static final String SEEDS = "seeds";
    public static final String COMPUTE_SECONDS = "compute_seconds";
    /**
     * Trajectories whose flow did not converge (score flow: step budget exhausted; probability
     * flow: non-finite endpoint, i.e. DIVERGED). The exact predictions assume none did.
     */
    public static final String N_UNCONVERGED = "n_unconverged";
    /** n_unconverged / seeds. */
    public static final String FRAC_UNCONVERGED = "frac_unconverged";

    // trajectories: results.
    public static final String SEED_INDEX = "seed_index";
    public static final String SEED = "seed";
    /** One of the {@link Outcome#isCategory() category} names, e.g. {@code "VIRTUAL"}. */
    public static final String CATEGORY = "category";
    /** Number of edges summed at the nearest hyperbox vertex (0 apex, 1 training, k ≥ 2 virtual). */
    public static final String VERTEX_ORDER = "vertex_order";
    public static final String BOUNDARY = "boundary";
    public static final String LINF_VERTEX = "linf_vertex";
    public static final String LINF_NEAREST = "linf_nearest";
    public static final String D1 = "d1";
    public static final String D2 = "d2";
    public static final String NN_RATIO = "nn_ratio";
    public static final String NN_MEMORIZED = "nn_memorized";
    public static final String STEPS_TAKEN = "steps_taken";
    public static final String CONVERGED = "converged";
    public static final String COMPUTE_NS = "compute_ns";

    // runs.
    public static final String SPEC = "spec";
    public static final String CODE_VERSION = "code_version";
    public static final String SPARK_MASTER = "spark_master";
    public static final String STARTED_AT = "started_at";
    public static final String ENDED_AT = "ended_at";
    public static final String STATUS = "status";
    public static final String CELLS_TOTAL = "cells_total";
    public static final String CELLS_COMPUTED = "cells_computed";
    public static final String CELLS_SKIPPED = "cells_skipped";
    /** Column of {@code runs/}: trajectories written by the run. */
    public static final String TRAJECTORY_COUNT = "trajectories";

    /**
     * Where an endpoint can land, plus {@link #MEMORIZED} (= APEX + TRAINING). Each outcome names
     * its per-cell columns, so no reader or writer spells {@code "frac_" + x} itself.
     */
    public enum Outcome {
        APEX(true, true),
        TRAINING(true, true),
        VIRTUAL(true, true),
        MANIFOLD(true, true),
        OTHER(true, true),
        DIVERGED(true, false),
        MEMORIZED(false, true);

        private final boolean category;
        private final boolean exact;

        Outcome(boolean category, boolean exact) {
            this.category = category;
            this.exact = exact;
        }

        /** True for the six values of the trajectories' {@code category} column; false for MEMORIZED. */
        public boolean isCategory() {
            return category;
        }

        /** True when cells carry an {@code exact_*} column for this outcome (all but DIVERGED). */
        public boolean hasExactColumn() {
            return exact;
        }

        /** Lower-case name used inside column names, e.g. {@code "virtual"}. */
        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** {@code n_<key>}: count of trajectories (long). */
        public String countColumn() {
            return "n_" + key();
        }

        /** {@code frac_<key>}: count / seeds (double). */
        public String fracColumn() {
            return "frac_" + key();
        }

        /** {@code frac_<key>_lo}: lower 95 % Wilson bound. */
        public String loColumn() {
            return fracColumn() + "_lo";
        }

        /** {@code frac_<key>_hi}: upper 95 % Wilson bound. */
        public String hiColumn() {
            return fracColumn() + "_hi";
        }

        /** {@code exact_<key>}: exact prediction, NULL where none exists; fails for DIVERGED. */
        public String exactColumn() {
            if (!exact) {
                throw new IllegalStateException("no exact column for " + this);
            }
            return "exact_" + key();
        }

        /** The six trajectory categories in table order. */
        public static List<Outcome> categories() {
            return CATEGORIES;
        }

        /** Outcomes with an exact-prediction column, in table order. */
        public static List<Outcome> withExact() {
            return WITH_EXACT;
        }

        private static final List<Outcome> CATEGORIES =
                List.of(values()).stream().filter(Outcome::isCategory).toList();
        private static final List<Outcome> WITH_EXACT =
                List.of(values()).stream().filter(Outcome::hasExactColumn).toList();
    }

    /**
     * Every column of {@code cells/} and {@code trajectories/} that is not a cell parameter:
     * bookkeeping, counts, fractions, bounds, exact predictions and per-trajectory results.
     */
    public static final Set<String> NON_PARAMETER_COLUMNS = nonParameterColumns();

    private static Set<String> nonParameterColumns() {
        Set<String> s = new LinkedHashSet<>(List.of(RUN_ID, CELL_ID, SEEDS, COMPUTE_SECONDS, N_UNCONVERGED, FRAC_UNCONVERGED));
        for (Outcome o : Outcome.values()) {
            s.add(o.countColumn());
            s.add(o.fracColumn());
            s.add(o.loColumn());
            s.add(o.hiColumn());
            if (o.hasExactColumn()) {
                s.add(o.exactColumn());
            }
        }
        s.addAll(List.of(SEED_INDEX, SEED, CATEGORY, VERTEX_ORDER, BOUNDARY, LINF_VERTEX, LINF_NEAREST,
                D1, D2, NN_RATIO, NN_MEMORIZED, STEPS_TAKEN, CONVERGED, COMPUTE_NS));
        return Collections.unmodifiableSet(s);
    }

    /** The parameter columns of a cells or trajectories schema, in schema order. */
    public static List<String> parameterColumns(StructType schema) {
        List<String> out = new ArrayList<>();
        for (StructField f : schema.fields()) {
            if (!NON_PARAMETER_COLUMNS.contains(f.name())) {
                out.add(f.name());
            }
        }
        return out;
    }
}
