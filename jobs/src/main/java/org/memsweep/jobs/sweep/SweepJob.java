package org.memsweep.jobs.sweep;

import static org.memsweep.analysis.table.Columns.*;

import java.io.IOException;
import java.io.PrintStream;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.CollectionAccumulator;
import org.memsweep.engine.cell.Cell;

/**
 * The sweep: a validated {@link SweepSpec} becomes rows of {@code trajectories/}, {@code cells/}
 * and {@code runs/} under an output root (any Hadoop path).
 * <p>Resume protocol. Rows are a pure function of (cell, seed index), and every trajectory file
 * appears whole or not at all: tasks write under {@code _temporary/}, which readers ignore, and
 * rename each finished file into the table under a name that is the same for every attempt of the
 * task ({@link TrajectoryFiles}). So the trajectories present are always whole files of
 * correct rows, and a run (1) restores the cells table if a previous run died while swapping it,
 * (2) reads which seed indices of each cell are already present, (3) computes only the missing
 * indices below the spec's {@code seeds}, in blocks, appending to {@code trajectories/} — never a
 * seed index twice, so never a duplicate row, (4) rewrites {@code cells/} in a staging folder and
 * swaps it in with renames: a cell gets its row once all its indices below {@code seeds} are
 * present, aggregated over exactly those, then (5) appends its {@code runs/} row. Killed at any
 * moment and rerun, it ends with the same rows as an uninterrupted run. Nothing is ever deleted
 * from {@code trajectories/} except by {@code --overwrite}, a run's own attempt files under
 * {@code _temporary/}, and a file a retried task replaces (its own, from an earlier attempt).
 * <p>Step (2) covers the cells already committed too: a cell is skipped only when its rows below
 * {@code seeds} are all present, so rows lost since (a deleted folder or file) are computed again
 * and its cells/ row rewritten; a truncated Parquet file stops the run naming it ({@link DataFiles}).
 * A run holds the root's {@link RootLock} throughout and writes into marked roots only ({@link OutputRoot}).
 * <p>The parts, one class each: {@link CellsTable} (recover, stage, swap), {@link MissingSeeds} (step 2),
 * {@link SweepPlan} (which cells to skip, the blocks to run), {@link WavePlan} and the wave loop here
 * (step 3), {@link CellCommitter} with {@link CellAggregation} (step 4), {@link Progress} (the status line).
 */
public final class SweepJob {
    /** Options beyond the spec. */
    public record Options(String out, Integer partitions, long blockSize, boolean overwrite, String specText, PrintStream progress) {}

    /** What a run did. */
    public record Result(String runId, int cellsTotal, int cellsComputed, int cellsSkipped, long trajectories,
                         double seconds, Map<String, String> failedCells) {}

    /**
     * Default most seeds per task: large enough that a task's fixed cost (closure, cell, Parquet
     * writer, renames; 60–100 ms measured with Spark's DataFrame write, less since tasks write their
     * own files) is small beside its trajectories, small enough that big
     * sweeps still give every core several tasks per wave.
     */
    public static final long DEFAULT_BLOCK_SIZE = 50_000;

    /**
     * Most blocks the driver plans: each is a small object kept until the sweep ends (~100 bytes
     * with its place in the wave plan), so 10⁶ use ~100 MB of a 1 GB driver.
     */
    public static final long MAX_BLOCKS = 1_000_000;

    /** Checks, before anything is planned, that {@code cells × ⌈seeds / blockSize⌉} blocks fit {@link #MAX_BLOCKS}. */
    public static void checkPlanSize(long cells, long seeds, long blockSize) {
        long perCell = (seeds + blockSize - 1) / blockSize;
        if ((double) cells * perCell > MAX_BLOCKS) {
            long least = (long) Math.ceil((double) seeds / Math.max(1, MAX_BLOCKS / Math.max(1, cells)));
            throw new org.memsweep.engine.InvalidParameterException("block-size", blockSize, "at least " + least + " for "
                    + cells + " cells × " + seeds + " seeds (the driver plans at most " + MAX_BLOCKS + " blocks)");
        }
    }

    /** How long a wave should last (after the first): what a killed driver loses at most, about. */
    static final double WAVE_SECONDS = 60;

    private final SparkSession spark;
    private final AtomicInteger committedCount = new AtomicInteger();

    /** Cells of the running spec that cells/ holds complete so far (for the message on Ctrl-C). */
    public int committedCells() {
        return committedCount.get();
    }

    public SweepJob(SparkSession spark) {
        this.spark = spark;
    }

    /** Trajectories per engine batch in every task; 0 (the default) lets the engine choose. */
    private int batch;

    /**
     * This job with engine batches of {@code batch} trajectories (0: the engine's choice,
     * {@link org.memsweep.engine.run.BatchRunner#batchSize}). Not a user option: the rows are the
     * same bits for every batch size, and the determinism test sets it to show exactly that.
     */
    SweepJob withBatch(int batch) {
        if (batch < 0) throw new org.memsweep.engine.InvalidParameterException("batch", batch, "0 (the engine's choice) or an integer ≥ 1");
        this.batch = batch;
        return this;
    }

    /** The bank's networks the spec's trained cells need, by key (broadcast to the executors); null when none. */
    private java.util.HashMap<String, org.memsweep.engine.bank.NetworkArrays> bank;

    /** This job with the bank's networks its trained cells need ({@link org.memsweep.jobs.bank.BankNetworks#check}). */
    public SweepJob withBank(java.util.HashMap<String, org.memsweep.engine.bank.NetworkArrays> networks) {
        this.bank = networks;
        return this;
    }

    public Result run(SweepSpec spec, List<Cell> cells, Options opt) throws IOException {
        checkPlanSize(cells.size(), spec.seeds(), opt.blockSize());
        long t0 = System.nanoTime();
        Instant started = Instant.now();
        String runId = newRunId(started);
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Path root = new Path(opt.out());
        FileSystem fs = root.getFileSystem(conf);
        OutputRoot.State state = OutputRoot.check(fs, root, opt.overwrite());
        PrintStream notes = opt.progress() != null ? opt.progress() : System.err;
        try (RootLock lock = RootLock.acquire(fs, root, runId, notes)) {
            List<String> kept = OutputRoot.prepare(fs, root, state, opt.overwrite());
            if (!kept.isEmpty()) {
                notes.println("memsweep sweep: --overwrite replaced memsweep's tables and kept " + kept.size()
                        + " entr" + (kept.size() == 1 ? "y" : "ies") + " it did not write: " + String.join(", ", kept));
            }
            return runLocked(spec, cells, opt, fs, root, runId, started, t0);
        }
    }

    private Result runLocked(SweepSpec spec, List<Cell> cells, Options opt, FileSystem fs, Path root, String runId,
                             Instant started, long t0) throws IOException {
        Path trajPath = new Path(root, TRAJECTORIES);
        CellsTable table = CellsTable.open(spark, fs, root);
        // What a killed run's task attempts left in _temporary/ (files never renamed into the table;
        // with Spark's commit protocol, task outputs the next job commit would have moved in,
        // duplicating rows computed again now): drop it. An output root has one writer at a time.
        fs.delete(new Path(trajPath, "_temporary"), true);

        DataFiles.requireWhole(fs, trajPath);
        Map<String, Cell> byId = new LinkedHashMap<>();
        for (Cell c : cells) byId.put(c.id(), c);
        Supplier<Dataset<Row>> trajectories = () -> trajectories(fs, trajPath);
        Map<String, List<long[]>> missing = MissingSeeds.find(trajectories.get(), byId.keySet(), spec.seeds());
        SweepPlan plan = SweepPlan.of(cells, table::row, missing, spec.seeds(), opt.blockSize());
        committedCount.set(plan.skipped());
        long total = WavePlan.size(plan.blocks());
        CellCommitter committer = new CellCommitter(table, new CellAggregation(plan.unseen(), spec.seeds()), plan.pending(), runId);
        runWaves(plan, opt, runId, fs, trajPath, trajectories, committer, total);

        Instant ended = Instant.now();
        Map<String, String> failed = new TreeMap<>(committer.failed());
        String status = failed.isEmpty() ? "succeeded" : "partial: " + failed.size() + " cell(s) failed";
        Row run = RowFactory.create(runId, opt.specText(), codeVersion(), spark.sparkContext().master(),
                Timestamp.from(started), Timestamp.from(ended), status, cells.size(), committer.computedCount(), plan.skipped(), total);
        // Written by the driver, no Spark job: one row (see DriverParquet).
        DriverParquet.append(spark, fs, new Path(root, RUNS), Schemas.runs(), List.of(run));
        return new Result(runId, cells.size(), committer.computedCount(), plan.skipped(), total, (System.nanoTime() - t0) / 1e9, failed);
    }

    /**
     * The wave loop: runs the plan's blocks in waves sized to last about {@link #WAVE_SECONDS},
     * appending their rows to trajectories/, and after each wave commits the cells whose every
     * missing seed has run, so a driver killed mid-sweep loses at most the wave in flight.
     */
    private void runWaves(SweepPlan plan, Options opt, String runId, FileSystem fs, Path trajPath, Supplier<Dataset<Row>> trajectories,
                          CellCommitter committer, long total) throws IOException {
        // Counted in seeds, not blocks: the wave plan may cut a block in two.
        Map<String, Long> seedsLeft = new HashMap<>();
        for (Block b : plan.blocks()) seedsLeft.merge(b.cellId(), b.size(), Long::sum);
        List<String> ready = new ArrayList<>();
        for (String id : plan.pending().keySet()) if (!seedsLeft.containsKey(id)) ready.add(id);
        int maxAttempts = Math.max(1, spark.sparkContext().getConf().getInt("spark.task.maxFailures", 4));
        CollectionAccumulator<String> failures = spark.sparkContext().collectionAccumulator("memsweep-failures");
        CollectionAccumulator<BlockTally> tallies = spark.sparkContext().collectionAccumulator("memsweep-tallies");
        Progress progress = new Progress(total, seedsLeft, opt.progress());
        spark.sparkContext().addSparkListener(progress);
        progress.start();
        // Sent once per executor, not with every task.
        var networks = bank == null ? null : JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(bank);
        TrajectoryFiles files = TrajectoryFiles.prepare(spark, trajPath, runId);
        try {
            WavePlan waves = WavePlan.of(plan.blocks(), opt.blockSize(), spark.sparkContext().defaultParallelism(), opt.partitions());
            double rate = Double.NaN;
            for (int w = 0; waves.hasNext(); w++) {
                List<List<Block>> wave = waves.next(rate, WAVE_SECONDS);
                long waveStart = System.nanoTime(), waveTrajectories = wave.stream().mapToLong(WavePlan::size).sum();
                String group = "memsweep-" + runId + "-wave-" + w;
                progress.expect(group, wave);
                spark.sparkContext().setJobGroup(group, "memsweep sweep, wave " + (w + 1), false);
                // Each task writes its rows into its own files and renames them into trajectories/
                // (TrajectoryFiles); what comes back is only the tallies and failures, through the accumulators.
                JavaSparkContext.fromSparkContext(spark.sparkContext())
                        .parallelize(wave, wave.size()) // one task per element
                        .foreachPartition(new TrajectoryTask(runId, maxAttempts, failures, tallies, networks, batch, files));
                DriverParquet.markCommitted(fs, trajPath);
                spark.sparkContext().clearJobGroup();
                rate = waveTrajectories / ((System.nanoTime() - waveStart) / 1e9);
                for (List<Block> task : wave) {
                    for (Block b : task) if (seedsLeft.merge(b.cellId(), -b.size(), Long::sum) == 0) ready.add(b.cellId());
                }
                for (String f : failures.value()) {
                    int tab = f.indexOf('\t');
                    committer.fail(f.substring(0, tab), f.substring(tab + 1));
                }
                committer.commit(ready, tallies.value(), trajectories, false);
                committedCount.set(plan.skipped() + committer.computedCount());
                ready = new ArrayList<>();
            }
        } finally {
            progress.stop();
            spark.sparkContext().removeSparkListener(progress);
            if (networks != null) networks.destroy();
            files.close();
            try {
                TrajectoryFiles.clean(fs, trajPath, runId);
            } catch (IOException e) {
                // only killed attempts' leftovers, which readers ignore and the next run deletes
            }
        }
        committer.commit(ready, tallies.value(), trajectories, true);
        committedCount.set(plan.skipped() + committer.computedCount());
    }

    /**
     * The trajectories table, read with its schema (a run killed before its first files were
     * committed leaves a folder with only {@code _temporary/} in it, from which no schema can be
     * inferred); null when it does not exist.
     */
    private Dataset<Row> trajectories(FileSystem fs, Path traj) {
        try {
            return fs.exists(traj) ? spark.read().schema(Schemas.trajectories()).parquet(traj.toString()) : null;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A run id: the start time (UTC, to the second) and 6 random hex digits, so two runs in one second differ. */
    public static String newRunId(Instant started) {
        return DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(started)
                + "-" + Long.toHexString(Double.doubleToLongBits(Math.random())).substring(0, 6);
    }

    static String codeVersion() {
        String v = SweepJob.class.getPackage().getImplementationVersion();
        return "memsweep " + (v == null ? "0.1.0-SNAPSHOT" : v);
    }
}
