package org.memsweep.analysis.table;

import org.memsweep.analysis.stat.Wilson;
import org.memsweep.analysis.report.ReportWriter;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import org.memsweep.analysis.table.Columns.Outcome;

/**
 * Test data shaped like the sweep's tables (schemas as documented), built from per-cell category
 * counts so every count a test expects can be read off the cell definitions below.
 */
public final class TableFixture {
    private TableFixture() {}

    public static final String RUN_ID = "run-0001";

    /**
     * The local Spark session: 2 threads, no UI, few shuffle partitions. Test classes share it
     * (getOrCreate, never stopped; Spark stops it when the JVM exits) because starting Spark costs
     * seconds each time on a busy 2-core machine.
     */
    public static synchronized SparkSession spark() {
        return SparkSession.builder().master("local[2]").appName("analysis-test")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4")
                .config("spark.sql.session.timeZone", "UTC")
                // The catalog's warehouse folder, created by the first SHOW or failed lookup, stays in target/.
                .config("spark.sql.warehouse.dir", Path.of("target", "test-fixture", "warehouse").toAbsolutePath().toUri().toString())
                .config("spark.sql.catalogImplementation", "in-memory")
                // Rows number in the hundreds: compiling generated code costs more than it saves.
                .config("spark.sql.codegen.wholeStage", "false")
                .config("spark.sql.codegen.factoryMode", "NO_CODEGEN")
                .getOrCreate();
    }

    private static Path standardRoot;
    private static Path standardReport;

    /**
     * The {@link #standard()} tables, written once per test JVM under {@code target/test-fixture/}
     * (left there to inspect; rewritten by every test run).
     */
    public static synchronized Path standardRoot() throws java.io.IOException {
        if (standardRoot == null) {
            Path root = Path.of("target", "test-fixture", "results").toAbsolutePath();
            deleteRecursively(root);
            write(spark(), root, standard());
            standardRoot = root;
        }
        return standardRoot;
    }

    /** The report of {@link #standardRoot()}, written once per test JVM; returns its index.html. */
    public static synchronized Path standardReport() throws java.io.IOException {
        if (standardReport == null) {
            Path dir = Path.of("target", "test-fixture", "report").toAbsolutePath();
            deleteRecursively(dir);
            standardReport = ReportWriter.write(spark(), standardRoot().toString(), dir);
        }
        return standardReport;
    }

    public static void deleteRecursively(Path p) throws java.io.IOException {
        if (java.nio.file.Files.exists(p)) {
            try (var walk = java.nio.file.Files.walk(p)) {
                for (Path q : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    java.nio.file.Files.delete(q);
                }
            }
        }
    }

    /** The documented parameter columns with their types. */
    public static final Map<String, DataType> PARAMETERS = parameters();

    private static Map<String, DataType> parameters() {
        Map<String, DataType> p = new LinkedHashMap<>();
        p.put("dataset", DataTypes.StringType);
        p.put("n", DataTypes.IntegerType);
        p.put("d", DataTypes.IntegerType);
        p.put("kappa", DataTypes.DoubleType);
        p.put("norms", DataTypes.StringType);
        p.put("rotation", DataTypes.StringType);
        p.put("alpha", DataTypes.DoubleType);
        p.put("flow", DataTypes.StringType);
        p.put("solver", DataTypes.StringType);
        p.put("sigma_max", DataTypes.DoubleType);
        p.put("sigma_min", DataTypes.DoubleType);
        p.put("steps", DataTypes.IntegerType);
        p.put("karras_rho", DataTypes.DoubleType);
        p.put("eta", DataTypes.DoubleType);
        p.put("sigma", DataTypes.DoubleType);
        p.put("tol", DataTypes.DoubleType);
        p.put("max_steps", DataTypes.IntegerType);
        p.put("start_mean", DataTypes.StringType);
        p.put("start_scale", DataTypes.DoubleType);
        p.put("high_noise", DataTypes.StringType);
        p.put("low_noise", DataTypes.StringType);
        p.put("sigma_switch", DataTypes.DoubleType);
        p.put("train", DataTypes.StringType);
        p.put("allow_untolerated", DataTypes.StringType);
        p.put("tau", DataTypes.DoubleType);
        p.put("frame", DataTypes.StringType);
        p.put("master_seed", DataTypes.LongType);
        return p;
    }

    /** Parameter values shared by every fixture cell (kappa NULL: orthogonal data has none). */
    private static Map<String, Object> defaults() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("dataset", "orthogonal");
        v.put("kappa", null);
        v.put("norms", "unit");
        v.put("rotation", "none");
        v.put("alpha", 3.0);
        v.put("flow", "pf");
        v.put("solver", "euler");
        v.put("sigma_max", 80.0);
        v.put("sigma_min", 0.002);
        v.put("steps", 200);
        v.put("karras_rho", 7.0);
        v.put("eta", 0.0);
        v.put("sigma", 0.0);
        v.put("tol", 1e-9);
        v.put("max_steps", 10000);
        v.put("start_mean", "zero");
        v.put("start_scale", 1.0);
        v.put("high_noise", "mmse");
        v.put("low_noise", "closed-form");
        v.put("sigma_switch", 0.1);
        v.put("train", null); // not a cell on trained networks
        v.put("allow_untolerated", null);
        v.put("tau", 0.2);
        v.put("frame", "data");
        v.put("master_seed", 42L);
        return v;
    }

    /**
     * One cell: n, d and the trajectory count per category (APEX, TRAINING, VIRTUAL, MANIFOLD,
     * OTHER, DIVERGED); exact predictions are NULL unless set; the diverged trajectories are the
     * non-converged ones unless set.
     */
    public record Cell(String cellId, int n, int d, long[] counts, Map<Outcome, Double> exact, long unconverged) {
        public Cell withExact(Outcome o, double p) {
            Map<Outcome, Double> e = new EnumMap<>(Outcome.class);
            e.putAll(exact);
            e.put(o, p);
            return new Cell(cellId, n, d, counts, e, unconverged);
        }

        /** The same cell with {@code k} non-converged trajectories (its diverged ones plus the first others). */
        public Cell withUnconverged(long k) {
            return new Cell(cellId, n, d, counts, exact, k);
        }

        public long seeds() {
            long s = 0;
            for (long c : counts) {
                s += c;
            }
            return s;
        }

        public long count(Outcome o) {
            return o == Outcome.MEMORIZED ? counts[0] + counts[1] : counts[Outcome.categories().indexOf(o)];
        }
    }

    public static Cell cell(int n, int d, long apex, long training, long virtual, long manifold, long other,
                     long diverged) {
        return new Cell("cell-n" + n + "-d" + d, n, d, new long[] {apex, training, virtual, manifold, other,
                diverged}, new EnumMap<>(Outcome.class), diverged);
    }

    /**
     * The standard fixture, 7 cells and 280 trajectories:
     * d=16 falls (memorized 30, 20, 8 of 40 at n = 4, 8, 16) → supported;
     * d=32 is flat (10 of 40 at every n) with exact predictions that agree, except a planted
     * exact_training = 0.02 at n=8 where the estimate is 8/40 = 0.2 (8.1 SE away) → one bug signal;
     * d=64 has the single n=8 → not tested.
     */
    public static List<Cell> standard() {
        List<Cell> cells = new ArrayList<>();
        cells.add(cell(4, 16, 10, 20, 6, 2, 2, 0));
        cells.add(cell(8, 16, 5, 15, 12, 4, 3, 1));
        cells.add(cell(16, 16, 2, 6, 20, 6, 4, 2));
        for (int n : new int[] {4, 8, 16}) {
            cells.add(cell(n, 32, 2, 8, 20, 6, 4, 0)
                    .withExact(Outcome.APEX, 0.05)
                    .withExact(Outcome.TRAINING, n == 8 ? PLANTED_EXACT_TRAINING : 0.2)
                    .withExact(Outcome.MEMORIZED, 0.25));
        }
        cells.add(cell(8, 64, 4, 10, 16, 6, 4, 0));
        return cells;
    }

    public static final double PLANTED_EXACT_TRAINING = 0.02;
    public static final String PLANTED_CELL = "cell-n8-d32";

    public static StructType cellsSchema() {
        List<StructField> f = new ArrayList<>();
        f.add(DataTypes.createStructField(Columns.RUN_ID, DataTypes.StringType, false));
        f.add(DataTypes.createStructField(Columns.CELL_ID, DataTypes.StringType, false));
        PARAMETERS.forEach((name, type) -> f.add(DataTypes.createStructField(name, type, true)));
        f.add(DataTypes.createStructField(Columns.SEEDS, DataTypes.LongType, false));
        List<Outcome> counted = new ArrayList<>(Outcome.categories());
        counted.add(Outcome.MEMORIZED);
        for (Outcome o : counted) {
            f.add(DataTypes.createStructField(o.countColumn(), DataTypes.LongType, false));
        }
        for (Outcome o : counted) {
            f.add(DataTypes.createStructField(o.fracColumn(), DataTypes.DoubleType, true));
            f.add(DataTypes.createStructField(o.loColumn(), DataTypes.DoubleType, true));
            f.add(DataTypes.createStructField(o.hiColumn(), DataTypes.DoubleType, true));
        }
        for (Outcome o : Outcome.withExact()) {
            f.add(DataTypes.createStructField(o.exactColumn(), DataTypes.DoubleType, true));
        }
        f.add(DataTypes.createStructField(Columns.N_UNCONVERGED, DataTypes.LongType, false));
        f.add(DataTypes.createStructField(Columns.FRAC_UNCONVERGED, DataTypes.DoubleType, true));
        f.add(DataTypes.createStructField(Columns.COMPUTE_SECONDS, DataTypes.DoubleType, true));
        return DataTypes.createStructType(f);
    }

    public static Row cellRow(Cell c) {
        StructType schema = cellsSchema();
        Map<String, Object> v = new LinkedHashMap<>();
        v.put(Columns.RUN_ID, RUN_ID);
        v.put(Columns.CELL_ID, c.cellId());
        v.putAll(defaults());
        v.put(Columns.N, c.n());
        v.put(Columns.D, c.d());
        v.put(Columns.SEEDS, c.seeds());
        List<Outcome> counted = new ArrayList<>(Outcome.categories());
        counted.add(Outcome.MEMORIZED);
        for (Outcome o : counted) {
            v.put(o.countColumn(), c.count(o));
            Wilson w = Wilson.of(c.count(o), c.seeds());
            v.put(o.fracColumn(), w.estimate());
            v.put(o.loColumn(), w.lo());
            v.put(o.hiColumn(), w.hi());
        }
        for (Outcome o : Outcome.withExact()) {
            v.put(o.exactColumn(), c.exact().get(o));
        }
        v.put(Columns.N_UNCONVERGED, c.unconverged());
        v.put(Columns.FRAC_UNCONVERGED, (double) c.unconverged() / c.seeds());
        v.put(Columns.COMPUTE_SECONDS, 0.5);
        return new GenericRowWithSchema(ordered(schema, v), schema);
    }

    public static List<Row> cellRows(List<Cell> cells) {
        return cells.stream().map(TableFixture::cellRow).toList();
    }

    /** The documented trajectories/ columns of table format 4: run_id, cell_id, n, then the results (the other parameters are in cells/). */
    public static StructType trajectoriesSchema() {
        return trajectoriesSchema(false);
    }

    /**
     * @param allParameters true: the layout of table format 3 and earlier, every parameter column
     *                      on every row (after cell_id); false: the current one, only n
     */
    public static StructType trajectoriesSchema(boolean allParameters) {
        List<StructField> f = new ArrayList<>();
        f.add(DataTypes.createStructField(Columns.RUN_ID, DataTypes.StringType, false));
        f.add(DataTypes.createStructField(Columns.CELL_ID, DataTypes.StringType, false));
        PARAMETERS.forEach((name, type) -> {
            if (allParameters || name.equals(Columns.N)) f.add(DataTypes.createStructField(name, type, true));
        });
        f.add(DataTypes.createStructField(Columns.SEED_INDEX, DataTypes.LongType, false));
        f.add(DataTypes.createStructField(Columns.SEED, DataTypes.LongType, false));
        f.add(DataTypes.createStructField(Columns.CATEGORY, DataTypes.StringType, false));
        f.add(DataTypes.createStructField(Columns.VERTEX_ORDER, DataTypes.IntegerType, true));
        f.add(DataTypes.createStructField(Columns.BOUNDARY, DataTypes.BooleanType, true));
        for (String c : List.of(Columns.LINF_VERTEX, Columns.LINF_NEAREST, Columns.D1, Columns.D2, Columns.NN_RATIO)) {
            f.add(DataTypes.createStructField(c, DataTypes.DoubleType, true));
        }
        f.add(DataTypes.createStructField(Columns.NN_MEMORIZED, DataTypes.BooleanType, true));
        f.add(DataTypes.createStructField(Columns.STEPS_TAKEN, DataTypes.IntegerType, true));
        f.add(DataTypes.createStructField(Columns.CONVERGED, DataTypes.BooleanType, true));
        f.add(DataTypes.createStructField(Columns.COMPUTE_NS, DataTypes.LongType, true));
        return DataTypes.createStructType(f);
    }

    /**
     * The cell's trajectories, category by category. VIRTUAL rows alternate orders 2 and 3 (the
     * first of each cell is order 2); metrics are simple functions of the category and seed index.
     */
    public static List<Row> trajectoryRows(Cell c, StructType schema) {
        List<Row> rows = new ArrayList<>();
        long index = 0;
        for (int k = 0; k < Outcome.categories().size(); k++) {
            Outcome o = Outcome.categories().get(k);
            for (long j = 0; j < c.counts()[k]; j++, index++) {
                Map<String, Object> v = new LinkedHashMap<>();
                v.put(Columns.RUN_ID, RUN_ID);
                v.put(Columns.CELL_ID, c.cellId());
                v.putAll(defaults());
                v.put(Columns.N, c.n());
                v.put(Columns.D, c.d());
                v.put(Columns.SEED_INDEX, index);
                v.put(Columns.SEED, 1000L * c.n() + index);
                v.put(Columns.CATEGORY, o.name());
                boolean diverged = o == Outcome.DIVERGED;
                boolean memorized = o == Outcome.APEX || o == Outcome.TRAINING;
                v.put(Columns.VERTEX_ORDER, switch (o) {
                    case APEX -> 0;
                    case TRAINING -> 1;
                    case VIRTUAL -> j % 2 == 0 ? 2 : 3;
                    default -> null;
                });
                v.put(Columns.BOUNDARY, o == Outcome.MANIFOLD);
                double spread = (index % 10) / 100.0;
                v.put(Columns.LINF_VERTEX, diverged ? Double.NaN : 0.01 + spread);
                v.put(Columns.LINF_NEAREST, diverged ? Double.NaN : (memorized ? 0.01 : 0.4) + spread);
                v.put(Columns.D1, diverged ? Double.NaN : 0.1);
                v.put(Columns.D2, diverged ? Double.NaN : 1.0);
                v.put(Columns.NN_RATIO, diverged ? Double.NaN : (memorized ? 0.05 : 0.6) + spread);
                v.put(Columns.NN_MEMORIZED, !diverged && memorized);
                v.put(Columns.STEPS_TAKEN, 200);
                // Diverged rows come last, so the first (unconverged − diverged) rows are the other non-converged ones.
                v.put(Columns.CONVERGED, !diverged && index >= c.unconverged() - c.counts()[5]);
                v.put(Columns.COMPUTE_NS, 1000L);
                rows.add(new GenericRowWithSchema(ordered(schema, v), schema));
            }
        }
        return rows;
    }

    public static StructType runsSchema() {
        return DataTypes.createStructType(List.of(
                DataTypes.createStructField(Columns.RUN_ID, DataTypes.StringType, false),
                DataTypes.createStructField(Columns.SPEC, DataTypes.StringType, true),
                DataTypes.createStructField(Columns.CODE_VERSION, DataTypes.StringType, true),
                DataTypes.createStructField(Columns.SPARK_MASTER, DataTypes.StringType, true),
                DataTypes.createStructField(Columns.STARTED_AT, DataTypes.TimestampType, true),
                DataTypes.createStructField(Columns.ENDED_AT, DataTypes.TimestampType, true),
                DataTypes.createStructField(Columns.STATUS, DataTypes.StringType, true),
                DataTypes.createStructField(Columns.CELLS_TOTAL, DataTypes.IntegerType, true),
                DataTypes.createStructField(Columns.CELLS_COMPUTED, DataTypes.IntegerType, true),
                DataTypes.createStructField(Columns.CELLS_SKIPPED, DataTypes.IntegerType, true),
                DataTypes.createStructField(Columns.TRAJECTORY_COUNT, DataTypes.LongType, true)));
    }

    /** The spec of the fixture's run; its {@code <} and {@code &} check that the report escapes text. */
    public static final String SPEC = "{\"n\": [4, 8, 16], \"d\": [16, 32, 64], \"note\": \"a<b & c\"}";

    /** Writes cells/, trajectories/ (partitioned by n) and runs/ under {@code root} in the current table format; no bank/. */
    public static void write(SparkSession spark, Path root, List<Cell> cells) {
        write(spark, root, cells, trajectoriesSchema());
    }

    /** The same, with trajectories/ in the layout {@code trajectories} ({@link #trajectoriesSchema(boolean)}). */
    public static void write(SparkSession spark, Path root, List<Cell> cells, StructType trajectories) {
        spark.createDataFrame(cellRows(cells), cellsSchema()).coalesce(1).write()
                .parquet(root.resolve(Columns.CELLS).toString());
        List<Row> rows = new ArrayList<>();
        cells.forEach(c -> rows.addAll(trajectoryRows(c, trajectories)));
        spark.createDataFrame(rows, trajectories).write().partitionBy(Columns.N)
                .parquet(root.resolve(Columns.TRAJECTORIES).toString());
        long total = cells.stream().mapToLong(Cell::seeds).sum();
        Row run = new GenericRowWithSchema(new Object[] {RUN_ID, SPEC, "0.1.0-test", "local[2]",
                Timestamp.from(Instant.parse("2026-01-02T03:04:05Z")), Timestamp.from(Instant.parse("2026-01-02T03:05:00Z")), "SUCCEEDED",
                cells.size(), cells.size(), 0, total}, runsSchema());
        spark.createDataFrame(List.of(run), runsSchema()).coalesce(1).write()
                .parquet(root.resolve(Columns.RUNS).toString());
    }

    private static Object[] ordered(StructType schema, Map<String, Object> values) {
        Object[] out = new Object[schema.size()];
        for (int i = 0; i < out.length; i++) {
            String name = schema.fields()[i].name();
            if (!values.containsKey(name)) {
                throw new IllegalStateException("fixture has no value for " + name);
            }
            out[i] = values.get(name);
        }
        return out;
    }
}
