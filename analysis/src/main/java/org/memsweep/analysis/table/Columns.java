package org.memsweep.analysis.table;

import org.memsweep.analysis.stat.Wilson;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.memsweep.engine.cell.CategoryCounts;
import org.memsweep.engine.cell.CellParams;
import org.memsweep.engine.cell.Param;
import org.memsweep.engine.cell.Trajectory;
import org.memsweep.engine.classify.Category;
import org.memsweep.engine.exact.CategoryProbabilities;

/**
 * The tables under an output root and their columns: the one declaration of every column of
 * {@code cells/} and {@code trajectories/} (name, Spark type, nullability, and how its value is read
 * from a trajectory, a cell's counts or a cell's key — see {@link #KEY_COLUMNS},
 * {@link #TRAJECTORY_COLUMNS}, {@link #CELL_COLUMNS}). The sweep's schemas and row writers iterate
 * these declarations and the readers take the names from here, so a rename cannot leave either
 * behind. The categories are science.md §6's, the exact predictions §5's; the bounds are 95 % {@link Wilson} intervals.
 *
 * <p>Cell parameters are deliberately <em>not</em> a closed list for readers: every column that is
 * not in {@link #NON_PARAMETER_COLUMNS} is a parameter ({@link #parameterColumns(StructType)}), so a
 * parameter added to the sweep later needs no change here. {@link #KNOWN_PARAMETERS} is the
 * writer's column order today (one column per {@link Param}, in its order) and nothing more.
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

    // Cell parameters known today: the names are Param's (one place), repeated here as constants for readers.
    public static final String DATASET = Param.DATASET.column();
    /** Training-set size, the axis of the memorization trend; trajectories are partitioned by it. */
    public static final String N = Param.N.column();
    public static final String D = Param.D.column();
    public static final String KAPPA = Param.KAPPA.column();
    public static final String NORMS = Param.NORMS.column();
    public static final String ROTATION = Param.ROTATION.column();
    public static final String ALPHA = Param.ALPHA.column();
    public static final String FLOW = Param.FLOW.column();
    public static final String SOLVER = Param.SOLVER.column();
    public static final String SIGMA_MAX = Param.SIGMA_MAX.column();
    public static final String SIGMA_MIN = Param.SIGMA_MIN.column();
    public static final String STEPS = Param.STEPS.column();
    public static final String KARRAS_RHO = Param.KARRAS_RHO.column();
    public static final String ETA = Param.ETA.column();
    public static final String SIGMA = Param.SIGMA.column();
    public static final String TOL = Param.TOL.column();
    public static final String MAX_STEPS = Param.MAX_STEPS.column();
    public static final String START_MEAN = Param.START_MEAN.column();
    public static final String START_SCALE = Param.START_SCALE.column();
    public static final String HIGH_NOISE = Param.HIGH_NOISE.column();
    public static final String LOW_NOISE = Param.LOW_NOISE.column();
    public static final String SIGMA_SWITCH = Param.SIGMA_SWITCH.column();
    public static final String TAU = Param.TAU.column();
    /** Frame of the classification's L∞ distances: data (rotation undone) or ambient. */
    public static final String FRAME = Param.FRAME.column();
    public static final String MASTER_SEED = Param.SEED.column();

    /** The writer's parameter columns in table order (one per {@link Param}); readers discover parameters instead. */
    public static final List<String> KNOWN_PARAMETERS = java.util.Arrays.stream(Param.values()).map(Param::column).toList();

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

    // Columns of bank/ (one row per trained network, see BANK_COLUMNS).
    public static final String BANK_KEY = "bank_key";
    public static final String TRAINING_SET = "training_set";
    public static final String DATA_SEED = "data_seed";
    public static final String NOISE_LEVEL = "sigma";
    public static final String CHAIN = "chain";
    public static final String TRAIN_SETTINGS = "train_settings";
    public static final String NET_D = "d";
    public static final String NET_WIDTH = "width";
    public static final String NET_A = "a";
    public static final String NET_W = "w";
    public static final String NET_B = "b";
    public static final String NET_V = "v";
    public static final String NET_C = "c";
    public static final String COST = "cost";
    public static final String MAX_RESIDUAL = "max_residual";
    public static final String ADAM_STEPS = "adam_steps";
    public static final String TRAIN_SECONDS = "seconds";
    public static final String MET_TOLERANCE = "met_tolerance";

    /**
     * Where an endpoint can land (one outcome per engine {@link Category}), plus {@link #MEMORIZED}:
     * the categories {@link Category#isMemorized()} counts as memorized. Each outcome names its
     * per-cell columns, so no reader or writer spells {@code "frac_" + x} itself.
     */
    public enum Outcome {
        APEX(Category.APEX, true),
        TRAINING(Category.TRAINING, true),
        VIRTUAL(Category.VIRTUAL, true),
        MANIFOLD(Category.MANIFOLD, true),
        OTHER(Category.OTHER, true),
        DIVERGED(Category.DIVERGED, false),
        MEMORIZED(null, true);

        private final Category category;
        private final boolean exact;

        Outcome(Category category, boolean exact) {
            this.category = category;
            this.exact = exact;
        }

        /** True for the six values of the trajectories' {@code category} column; false for MEMORIZED. */
        public boolean isCategory() {
            return category != null;
        }

        /** Trajectories of this outcome among {@code counts}. */
        public long countIn(CategoryCounts counts) {
            return category == null ? counts.memorized() : counts.count(category);
        }

        /** The exact probability of this outcome; fails for DIVERGED, which has none. */
        public double probabilityIn(CategoryProbabilities exact) {
            exactColumn(); // the same check: no exact value for DIVERGED
            return category == null ? exact.memorized() : exact.of(category);
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

    /** What a row's key columns are read from: the run, the cell's id and its resolved parameters. */
    public record CellKey(String runId, String cellId, CellParams params) {}

    /**
     * What a cell's result columns are read from: the counts over all its trajectories, and its
     * exact prediction (science.md §5; null where none exists).
     */
    public record CellAggregate(CategoryCounts counts, CategoryProbabilities exact) {}

    /**
     * What a bank/ row is read from: one trained network (science.md §3.4) with its key
     * ({@link org.memsweep.engine.bank.BankKey}), what the key hashes, the network as flat arrays
     * and the training run's figures.
     */
    public record BankEntry(String runId, String key, String trainingSet, long dataSeed, double sigma, double[] chain,
                            String settings, org.memsweep.engine.bank.NetworkArrays network,
                            org.memsweep.engine.train.TrainResult result) {}

    private static final DataType DOUBLES = DataTypes.createArrayType(DataTypes.DoubleType, false);

    /**
     * The columns of bank/, in table order: key, run, what the key hashes (training set's canonical
     * text and seed, σ, the warm-start chain's levels, the training settings' canonical text), the
     * network (d, K, a and w unit-major K·d, b, V row-major d² or empty, c) and the run's figures
     * (cost Σ‖a_k‖‖w_k‖, largest residual, Adam steps, seconds, whether the tolerance was met).
     */
    public static final List<TableColumn<BankEntry>> BANK_COLUMNS = List.of(
            new TableColumn<>(BANK_KEY, DataTypes.StringType, false, BankEntry::key),
            new TableColumn<>(RUN_ID, DataTypes.StringType, false, BankEntry::runId),
            new TableColumn<>(TRAINING_SET, DataTypes.StringType, false, BankEntry::trainingSet),
            new TableColumn<>(DATA_SEED, DataTypes.LongType, false, BankEntry::dataSeed),
            new TableColumn<>(NOISE_LEVEL, DataTypes.DoubleType, false, BankEntry::sigma),
            new TableColumn<>(CHAIN, DOUBLES, false, BankEntry::chain),
            new TableColumn<>(TRAIN_SETTINGS, DataTypes.StringType, false, BankEntry::settings),
            new TableColumn<>(NET_D, DataTypes.IntegerType, false, e -> e.network().d()),
            new TableColumn<>(NET_WIDTH, DataTypes.IntegerType, false, e -> e.network().width()),
            new TableColumn<>(NET_A, DOUBLES, false, e -> e.network().a()),
            new TableColumn<>(NET_W, DOUBLES, false, e -> e.network().w()),
            new TableColumn<>(NET_B, DOUBLES, false, e -> e.network().b()),
            new TableColumn<>(NET_V, DOUBLES, false, e -> e.network().v()),
            new TableColumn<>(NET_C, DOUBLES, false, e -> e.network().c()),
            new TableColumn<>(COST, DataTypes.DoubleType, false, e -> e.result().cost()),
            new TableColumn<>(MAX_RESIDUAL, DataTypes.DoubleType, false, e -> e.result().maxResidual()),
            new TableColumn<>(ADAM_STEPS, DataTypes.LongType, false, e -> e.result().adamSteps()),
            new TableColumn<>(TRAIN_SECONDS, DataTypes.DoubleType, false, e -> e.result().seconds()),
            new TableColumn<>(MET_TOLERANCE, DataTypes.BooleanType, false, e -> e.result().metTolerance()));

    /** The Spark type of a parameter's column. */
    public static DataType typeOf(Param p) {
        return switch (p.type()) {
            case STRING -> DataTypes.StringType;
            case INT -> DataTypes.IntegerType;
            case LONG -> DataTypes.LongType;
            case DOUBLE -> DataTypes.DoubleType;
        };
    }

    public static final TableColumn<CellKey> RUN_ID_COLUMN = new TableColumn<>(RUN_ID, DataTypes.StringType, false, CellKey::runId);
    public static final TableColumn<CellKey> CELL_ID_COLUMN = new TableColumn<>(CELL_ID, DataTypes.StringType, false, CellKey::cellId);

    /**
     * The columns cells/ and trajectories/ begin with: run_id, cell_id, then one column per
     * {@link Param} in its order, nullable because a parameter a cell does not use is recorded as
     * null ({@link Param#recorded}).
     */
    public static final List<TableColumn<CellKey>> KEY_COLUMNS = keyColumns();

    private static List<TableColumn<CellKey>> keyColumns() {
        List<TableColumn<CellKey>> c = new ArrayList<>(List.of(RUN_ID_COLUMN, CELL_ID_COLUMN));
        for (Param p : Param.values()) c.add(new TableColumn<>(p.column(), typeOf(p), true, k -> p.recorded(k.params())));
        return List.copyOf(c);
    }

    /**
     * The key columns trajectories/ stores (table format 4): run_id (the run that wrote the row),
     * cell_id and n, the folder each row lies in ({@code n=…}). The cell's other parameters are kept
     * once per cell in cells/, not on each of its rows (converting and writing 25 more columns per
     * row was most of a row's cost: without them the tasks of {@code bench --spark} use about a
     * quarter less CPU); the {@code trajectories} view joins them back ({@link SqlQuery#read}), so
     * queries see every parameter column as before.
     */
    public static final List<TableColumn<CellKey>> TRAJECTORY_KEY_COLUMNS =
            KEY_COLUMNS.stream().filter(c -> List.of(RUN_ID, CELL_ID, N).contains(c.name())).toList();

    /**
     * The per-trajectory result columns of trajectories/, in table order, read from the engine's
     * {@link Trajectory}; the numbers and flags through unboxed readers ({@link TableColumn#ofLong} …),
     * so a sweep's tasks write a row without allocating.
     */
    public static final List<TableColumn<Trajectory>> TRAJECTORY_COLUMNS = List.of(
            TableColumn.ofLong(SEED_INDEX, Trajectory::seedIndex),
            TableColumn.ofLong(SEED, Trajectory::seed),
            new TableColumn<>(CATEGORY, DataTypes.StringType, false, t -> t.endpoint().category().name()),
            TableColumn.ofInt(VERTEX_ORDER, t -> t.endpoint().vertexOrder()),
            TableColumn.ofBoolean(BOUNDARY, t -> t.endpoint().boundary()),
            TableColumn.ofDouble(LINF_VERTEX, t -> t.endpoint().linfVertex()),
            TableColumn.ofDouble(LINF_NEAREST, t -> t.endpoint().linfNearest()),
            TableColumn.ofDouble(D1, t -> t.endpoint().d1()),
            TableColumn.ofDouble(D2, t -> t.endpoint().d2()),
            TableColumn.ofDouble(NN_RATIO, t -> t.endpoint().nnRatio()),
            TableColumn.ofBoolean(NN_MEMORIZED, t -> t.endpoint().nnMemorized()),
            TableColumn.ofInt(STEPS_TAKEN, Trajectory::steps),
            TableColumn.ofBoolean(CONVERGED, Trajectory::converged),
            TableColumn.ofLong(COMPUTE_NS, Trajectory::computeNanos));

    /**
     * The per-cell result columns of cells/, in table order: seeds; a count per outcome; fraction and
     * 95 % Wilson bounds per outcome; the unconverged count and fraction (nullable: a cells table
     * written before they existed reads NULL there); the exact predictions (null where none exists);
     * compute time.
     */
    public static final List<TableColumn<CellAggregate>> CELL_COLUMNS = cellColumns();

    private static List<TableColumn<CellAggregate>> cellColumns() {
        List<TableColumn<CellAggregate>> c = new ArrayList<>();
        c.add(new TableColumn<>(SEEDS, DataTypes.LongType, false, a -> a.counts().total()));
        for (Outcome o : Outcome.values()) c.add(new TableColumn<>(o.countColumn(), DataTypes.LongType, false, a -> o.countIn(a.counts())));
        for (Outcome o : Outcome.values()) {
            c.add(new TableColumn<>(o.fracColumn(), DataTypes.DoubleType, false, a -> wilson(o, a).estimate()));
            c.add(new TableColumn<>(o.loColumn(), DataTypes.DoubleType, false, a -> wilson(o, a).lo()));
            c.add(new TableColumn<>(o.hiColumn(), DataTypes.DoubleType, false, a -> wilson(o, a).hi()));
        }
        c.add(new TableColumn<>(N_UNCONVERGED, DataTypes.LongType, true, a -> a.counts().unconverged()));
        c.add(new TableColumn<>(FRAC_UNCONVERGED, DataTypes.DoubleType, true, a -> (double) a.counts().unconverged() / a.counts().total()));
        for (Outcome o : Outcome.withExact()) {
            c.add(new TableColumn<>(o.exactColumn(), DataTypes.DoubleType, true, a -> a.exact() == null ? null : o.probabilityIn(a.exact())));
        }
        c.add(new TableColumn<>(COMPUTE_SECONDS, DataTypes.DoubleType, false, a -> a.counts().computeNanos() / 1e9));
        return List.copyOf(c);
    }

    private static Wilson wilson(Outcome o, CellAggregate a) {
        return Wilson.of(o.countIn(a.counts()), a.counts().total());
    }

    /**
     * Every column of {@code cells/} and {@code trajectories/} that is not a cell parameter:
     * bookkeeping, counts, fractions, bounds, exact predictions and per-trajectory results.
     */
    public static final Set<String> NON_PARAMETER_COLUMNS = nonParameterColumns();

    private static Set<String> nonParameterColumns() {
        Set<String> s = new LinkedHashSet<>(List.of(RUN_ID, CELL_ID));
        for (TableColumn<?> c : CELL_COLUMNS) s.add(c.name());
        for (TableColumn<?> c : TRAJECTORY_COLUMNS) s.add(c.name());
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
