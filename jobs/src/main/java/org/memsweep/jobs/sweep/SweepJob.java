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
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.util.CollectionAccumulator;
import org.memsweep.analysis.table.Columns.Outcome;
import org.memsweep.analysis.stat.Wilson;
import org.memsweep.engine.cell.Cell;
import org.memsweep.engine.cell.Param;
import org.memsweep.engine.exact.CategoryProbabilities;

/**
 * The sweep: a validated {@link SweepSpec} becomes rows of {@code trajectories/}, {@code cells/}
 * and {@code runs/} under an output root (any Hadoop path).
 * <p>Resume protocol. Rows are a pure function of (cell, seed index), and Spark's commit protocol
 * makes every trajectory file appear whole or not at all (unfinished files stay in
 * {@code _temporary/}, which readers ignore). So the trajectories present are always whole files of
 * correct rows, and a run (1) restores the cells table if a previous run died while swapping it,
 * (2) reads which seed indices of each cell are already present, (3) computes only the missing
 * indices below the spec's {@code seeds}, in blocks, appending to {@code trajectories/} — never a
 * seed index twice, so never a duplicate row, (4) rewrites {@code cells/} in a staging folder and
 * swaps it in with renames: a cell gets its row once all its indices below {@code seeds} are
 * present, aggregated over exactly those, then (5) appends its {@code runs/} row. Killed at any
 * moment and rerun, it ends with the same rows as an uninterrupted run. Nothing is ever deleted
 * from {@code trajectories/} except by {@code --overwrite}.
 * <p>Step (2) covers the cells already committed too: a cell is skipped only when its rows below
 * {@code seeds} are all present, so rows lost since (a deleted folder or file) are computed again
 * and its cells/ row rewritten; a truncated Parquet file stops the run naming it ({@link DataFiles}).
 * A run holds the root's {@link RootLock} throughout and writes into marked roots only ({@link OutputRoot}).
 */
public final class SweepJob {
    /** Options beyond the spec. */
    public record Options(String out, Integer partitions, long blockSize, boolean overwrite, String specText, PrintStream progress) {}

    /** What a run did. */
    public record Result(String runId, int cellsTotal, int cellsComputed, int cellsSkipped, long trajectories,
                         double seconds, Map<String, String> failedCells) {}

    /**
     * Default most seeds per task: large enough that a task's fixed cost (closure, Parquet writer,
     * generated code, commit; 60–100 ms measured) is small beside its trajectories, small enough that big
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
        Path cellsPath = new Path(root, CELLS), trajPath = new Path(root, TRAJECTORIES);
        Path staging = new Path(root, "_cells_staging"), old = new Path(root, "_cells_old");
        recoverCellsSwap(fs, cellsPath, staging, old);
        // Task outputs a killed run had committed into _temporary/ would be moved into the table by
        // this run's job commit (same attempt id) and duplicate rows computed again now: drop them.
        // An output root has one writer at a time.
        fs.delete(new Path(trajPath, "_temporary"), true);

        Map<String, Row> existing = new LinkedHashMap<>();
        DataFiles.requireWhole(fs, cellsPath);
        if (fs.exists(cellsPath)) {
            for (Row r : spark.read().schema(Schemas.cells()).parquet(cellsPath.toString()).collectAsList()) {
                existing.put(r.getAs(CELL_ID), r);
            }
        }
        // Plan the blocks of missing seed indices. A committed cell is skipped only when its rows below
        // seeds are all there: what cells/ claims is checked against trajectories/ (one aggregate), so
        // rows lost since (a deleted folder or file) are computed again and the cell's row rewritten.
        DataFiles.requireWhole(fs, trajPath);
        Map<String, Cell> byId = new LinkedHashMap<>();
        for (Cell c : cells) byId.put(c.id(), c);
        Map<String, List<long[]>> missing = missingSeeds(fs, trajPath, byId.keySet(), spec.seeds());
        List<Block> blocks = new ArrayList<>();
        Map<String, Cell> pending = new LinkedHashMap<>();
        int skipped = 0;
        for (Cell c : cells) {
            Row have = existing.get(c.id());
            if (have != null && have.<Long>getAs(SEEDS) >= spec.seeds() && missing.get(c.id()).isEmpty()) {
                skipped++;
                continue;
            }
            pending.put(c.id(), c);
        }
        committedCount.set(skipped);
        for (Cell c : pending.values()) {
            LinkedHashMap<String, Object> params = new LinkedHashMap<>(c.params().toMap());
            for (long[] range : missing.get(c.id())) {
                for (long from = range[0]; from < range[1]; from += opt.blockSize()) {
                    blocks.add(new Block(c.id(), params, from, Math.min(range[1], from + opt.blockSize())));
                }
            }
        }
        long total = WavePlan.size(blocks);
        Map<String, String> failed = new TreeMap<>();
        Map<String, Row> committed = new LinkedHashMap<>(existing);
        Set<String> computed = new java.util.LinkedHashSet<>();
        // Cells whose every missing seed is in a finished wave are committed after that wave, so a
        // driver killed mid-sweep loses at most the wave in flight.
        // Counted in seeds, not blocks: the wave plan may cut a block in two.
        Map<String, Long> seedsLeft = new HashMap<>();
        for (Block b : blocks) seedsLeft.merge(b.cellId(), b.size(), Long::sum);
        Set<String> ready = new java.util.LinkedHashSet<>();
        for (String id : pending.keySet()) if (!seedsLeft.containsKey(id)) ready.add(id);
        int maxAttempts = Math.max(1, spark.sparkContext().getConf().getInt("spark.task.maxFailures", 4));
        CollectionAccumulator<String> failures = spark.sparkContext().collectionAccumulator("memsweep-failures");
        CollectionAccumulator<BlockTally> tallies = spark.sparkContext().collectionAccumulator("memsweep-tallies");
        // Cells with no row before this run: their counts come from the tasks' tallies.
        Set<String> unseen = new java.util.HashSet<>();
        for (String id : pending.keySet()) {
            List<long[]> m = missing.get(id);
            if (m.size() == 1 && m.get(0)[0] == 0 && m.get(0)[1] == spec.seeds()) unseen.add(id);
        }
        Tallies counted = new Tallies(tallies, unseen);
        Progress progress = new Progress(total, seedsLeft, opt.progress());
        spark.sparkContext().addSparkListener(progress);
        progress.start();
        List<Row> parameterRows = new ArrayList<>();
        for (Cell c : pending.values()) {
            List<Object> v = new ArrayList<>(List.of(runId, c.id()));
            for (Param prm : Param.values()) v.add(prm.recorded(c.params()));
            parameterRows.add(RowFactory.create(v.toArray()));
        }
        Dataset<Row> parameters = spark.createDataFrame(parameterRows, Schemas.cellParameters());
        try {
            WavePlan plan = WavePlan.of(blocks, opt.blockSize(), spark.sparkContext().defaultParallelism(), opt.partitions());
            double rate = Double.NaN;
            for (int w = 0; plan.hasNext(); w++) {
                List<List<Block>> wave = plan.next(rate, WAVE_SECONDS);
                long waveStart = System.nanoTime(), waveTrajectories = wave.stream().mapToLong(WavePlan::size).sum();
                String group = "memsweep-" + runId + "-wave-" + w;
                progress.expect(group, wave);
                spark.sparkContext().setJobGroup(group, "memsweep sweep, wave " + (w + 1), false);
                JavaRDD<Row> rows = JavaSparkContext.fromSparkContext(spark.sparkContext())
                        .parallelize(wave, wave.size()) // one task per element
                        .mapPartitions(new TrajectoryTask(maxAttempts, failures, tallies));
                // Tasks emit only the per-trajectory columns; the cells' parameters come from a broadcast
                // join (no shuffle, order kept), which is far cheaper than converting them on every row.
                spark.createDataFrame(rows, Schemas.results())
                        .join(functions.broadcast(parameters), CELL_ID)
                        .selectExpr(Schemas.trajectories().fieldNames())
                        .write().options(Schemas.trajectoryWriteOptions()).mode(SaveMode.Append).partitionBy(N).parquet(trajPath.toString());
                spark.sparkContext().clearJobGroup();
                rate = waveTrajectories / ((System.nanoTime() - waveStart) / 1e9);
                for (List<Block> task : wave) {
                    for (Block b : task) if (seedsLeft.merge(b.cellId(), -b.size(), Long::sum) == 0) ready.add(b.cellId());
                }
                for (String f : failures.value()) {
                    int tab = f.indexOf('\t');
                    failed.putIfAbsent(f.substring(0, tab), f.substring(tab + 1));
                }
                commit(fs, trajPath, cellsPath, staging, old, ready, pending, committed, computed, failed, spec.seeds(), runId, counted, false);
                committedCount.set(skipped + computed.size());
                ready.clear();
            }
        } finally {
            progress.stop();
            spark.sparkContext().removeSparkListener(progress);
        }
        commit(fs, trajPath, cellsPath, staging, old, ready, pending, committed, computed, failed, spec.seeds(), runId, counted, true);
        committedCount.set(skipped + computed.size());

        Instant ended = Instant.now();
        String status = failed.isEmpty() ? "succeeded" : "partial: " + failed.size() + " cell(s) failed";
        Row run = RowFactory.create(runId, opt.specText(), codeVersion(), spark.sparkContext().master(),
                Timestamp.from(started), Timestamp.from(ended), status, cells.size(), computed.size(), skipped, total);
        spark.createDataFrame(List.of(run), Schemas.runs()).coalesce(1)
                .write().mode(SaveMode.Append).parquet(new Path(root, RUNS).toString());
        return new Result(runId, cells.size(), computed.size(), skipped, total, (System.nanoTime() - t0) / 1e9, failed);
    }

    /**
     * Aggregates the {@code ready} cells (all their blocks run) that did not fail, and swaps in a
     * cells table with their new rows; the {@code last} commit also writes the table when it does not exist yet.
     */
    private void commit(FileSystem fs, Path traj, Path cells, Path staging, Path old, Set<String> ready,
                        Map<String, Cell> pending, Map<String, Row> committed, Set<String> computed,
                        Map<String, String> failed, long seeds, String runId, Tallies counted, boolean last) throws IOException {
        Set<String> ids = new java.util.LinkedHashSet<>(ready);
        ids.removeAll(failed.keySet());
        Map<String, Row> fresh = aggregate(traj, ids, pending, seeds, runId, fs, counted);
        for (String id : ids) {
            if (!fresh.containsKey(id)) failed.putIfAbsent(id, "rows missing after the run (a block failed)");
        }
        if (fresh.isEmpty() && (fs.exists(cells) || !last)) return;
        committed.putAll(fresh);
        computed.addAll(fresh.keySet());
        spark.createDataFrame(new ArrayList<>(committed.values()), Schemas.cells()).coalesce(1)
                .write().mode(SaveMode.Overwrite).parquet(staging.toString());
        swapIn(fs, cells, staging, old);
    }

    /**
     * The trajectories table, read with its schema: a run killed before its first files were
     * committed leaves a folder with only {@code _temporary/} in it, from which no schema can be inferred.
     */
    private Dataset<Row> trajectories(Path traj) {
        return spark.read().schema(Schemas.trajectories()).parquet(traj.toString());
    }

    /** A run that died between the two renames of {@link #swapIn} left cells/ missing: put it back. */
    static void recoverCellsSwap(FileSystem fs, Path cells, Path staging, Path old) throws IOException {
        if (!fs.exists(cells)) {
            if (fs.exists(new Path(staging, "_SUCCESS"))) fs.rename(staging, cells);
            else if (fs.exists(old)) fs.rename(old, cells);
        }
        if (fs.exists(cells)) {
            fs.delete(old, true);
            fs.delete(staging, true);
        }
    }

    private static void swapIn(FileSystem fs, Path cells, Path staging, Path old) throws IOException {
        fs.delete(old, true);
        if (fs.exists(cells) && !fs.rename(cells, old)) throw new IOException("cannot move " + cells + " to " + old);
        if (!fs.rename(staging, cells)) throw new IOException("cannot move " + staging + " to " + cells);
        fs.delete(old, true);
    }

    /**
     * For each cell, the ranges [from, to) of seed indices below {@code seeds} that have no row yet.
     * One aggregate over (cell_id, seed_index); only a cell whose present indices are not a prefix
     * (a block failed, or a run died part-way) has its indices collected.
     */
    private Map<String, List<long[]>> missingSeeds(FileSystem fs, Path traj, Set<String> ids, long seeds) throws IOException {
        Map<String, List<long[]>> out = new LinkedHashMap<>();
        for (String id : ids) out.put(id, new ArrayList<>(List.of(new long[] {0, seeds})));
        if (ids.isEmpty() || !fs.exists(traj)) return out;
        Dataset<Row> t = trajectories(traj)
                .where(functions.col(CELL_ID).isin(ids.toArray()).and(functions.col(SEED_INDEX).lt(seeds)));
        List<String> gappy = new ArrayList<>();
        for (Row r : t.groupBy(CELL_ID).agg(functions.count("*"), functions.max(SEED_INDEX)).collectAsList()) {
            long count = r.getLong(1), max = r.getLong(2);
            if (count == max + 1) out.put(r.getString(0), count < seeds ? new ArrayList<>(List.of(new long[] {count, seeds})) : new ArrayList<>());
            else gappy.add(r.getString(0));
        }
        for (String id : gappy) {
            List<Row> present = t.where(functions.col(CELL_ID).equalTo(id)).select(SEED_INDEX).distinct().orderBy(SEED_INDEX).collectAsList();
            List<long[]> gaps = new ArrayList<>();
            long next = 0;
            for (Row r : present) {
                long i = r.getLong(0);
                if (i > next) gaps.add(new long[] {next, i});
                next = i + 1;
            }
            if (next < seeds) gaps.add(new long[] {next, seeds});
            out.put(id, gaps);
        }
        return out;
    }

    /**
     * The tasks' tallies of the cells that had no row before this run. A cell's tally is used only
     * when it accounts for exactly {@code seeds} rows; any other cell is counted from its rows.
     */
    private static final class Tallies {
        private final CollectionAccumulator<BlockTally> acc;
        private final Set<String> unseen;

        Tallies(CollectionAccumulator<BlockTally> acc, Set<String> unseen) {
            this.acc = acc;
            this.unseen = unseen;
        }

        /** Fills counts, unconverged and nanos for the cells of {@code ids} whose tallies are whole; returns the others. */
        Set<String> fill(Set<String> ids, long seeds, Map<String, Map<String, Long>> counts, Map<String, Long> unconverged,
                         Map<String, Long> nanos) {
            Map<String, Map<String, Long>> k = new HashMap<>();
            Map<String, Long> ns = new HashMap<>(), un = new HashMap<>();
            for (BlockTally t : acc.value()) {
                if (!ids.contains(t.cellId()) || !unseen.contains(t.cellId())) continue;
                Map<String, Long> cell = k.computeIfAbsent(t.cellId(), x -> new HashMap<>());
                t.byCategory().forEach((c, n) -> cell.merge(c, n, Long::sum));
                un.merge(t.cellId(), t.unconverged(), Long::sum);
                ns.merge(t.cellId(), t.computeNanos(), Long::sum);
            }
            Set<String> rest = new java.util.LinkedHashSet<>();
            for (String id : ids) {
                if (k.getOrDefault(id, Map.of()).values().stream().mapToLong(Long::longValue).sum() == seeds) {
                    counts.put(id, k.get(id));
                    unconverged.put(id, un.get(id));
                    nanos.put(id, ns.get(id));
                } else {
                    rest.add(id);
                }
            }
            return rest;
        }
    }

    /**
     * Counts per category (and of non-converged flows) over all of a cell's trajectories: from the tasks' tallies for a cell
     * written whole by this run, else from its rows (Spark groups; the driver does the arithmetic).
     */
    private Map<String, Row> aggregate(Path traj, Set<String> ids, Map<String, Cell> cells, long seeds, String runId,
                                       FileSystem fs, Tallies counted) throws IOException {
        Map<String, Row> out = new LinkedHashMap<>();
        if (ids.isEmpty() || !fs.exists(traj)) return out;
        Map<String, Map<String, Long>> counts = new HashMap<>();
        Map<String, Long> nanos = new HashMap<>(), unconverged = new HashMap<>();
        Set<String> read = counted.fill(ids, seeds, counts, unconverged, nanos);
        List<Row> grouped = read.isEmpty() ? List.of() : trajectories(traj)
                .where(functions.col(CELL_ID).isin(read.toArray()).and(functions.col(SEED_INDEX).lt(seeds)))
                .groupBy(CELL_ID, CATEGORY).agg(functions.count("*").as("k"), functions.sum(COMPUTE_NS).as("ns"),
                        functions.sum(functions.when(functions.col(CONVERGED), 0L).otherwise(1L)).as("u"))
                .collectAsList();
        for (Row r : grouped) {
            String id = r.getString(0);
            counts.computeIfAbsent(id, x -> new HashMap<>()).put(r.getString(1), r.getLong(2));
            nanos.merge(id, r.getLong(3), Long::sum);
            unconverged.merge(id, r.getLong(4), Long::sum);
        }
        for (String id : ids) {
            Map<String, Long> c = counts.getOrDefault(id, Map.of());
            // Committed only when every index below seeds has its row (each index is computed once).
            if (c.values().stream().mapToLong(Long::longValue).sum() == seeds) {
                out.put(id, cellRow(runId, cells.get(id), c, unconverged.getOrDefault(id, 0L), nanos.getOrDefault(id, 0L)));
            }
        }
        return out;
    }

    static Row cellRow(String runId, Cell cell, Map<String, Long> byCategory, long unconverged, long nanos) {
        List<Object> v = new ArrayList<>();
        v.add(runId);
        v.add(cell.id());
        for (Param p : Param.values()) v.add(p.recorded(cell.params()));
        long seeds = byCategory.values().stream().mapToLong(Long::longValue).sum();
        v.add(seeds);
        Map<Outcome, Long> k = new LinkedHashMap<>();
        for (Outcome o : Outcome.values()) {
            long c = o == Outcome.MEMORIZED ? byCategory.getOrDefault("APEX", 0L) + byCategory.getOrDefault("TRAINING", 0L)
                    : byCategory.getOrDefault(o.name(), 0L);
            k.put(o, c);
            v.add(c);
        }
        for (Outcome o : Outcome.values()) {
            Wilson w = Wilson.of(k.get(o), seeds);
            v.add(w.estimate());
            v.add(w.lo());
            v.add(w.hi());
        }
        v.add(unconverged);
        v.add((double) unconverged / seeds);
        CategoryProbabilities exact = cell.exactPrediction().orElse(null);
        for (Outcome o : Outcome.withExact()) {
            v.add(exact == null ? null : o == Outcome.MEMORIZED ? exact.memorized()
                    : exact.of(org.memsweep.engine.classify.Category.valueOf(o.name())));
        }
        v.add(nanos / 1e9);
        return RowFactory.create(v.toArray());
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

    /**
     * One status line on stderr, at most once a second on a terminal (every 10 s otherwise): cells
     * done / total, trajectories per second, elapsed, ETA. Tasks are mapped to their blocks through
     * the job group of each wave, so other jobs' tasks are never counted.
     */
    static final class Progress extends SparkListener {
        private record Wave(List<List<Block>> partBlocks, boolean[] seen) {}

        private final Map<String, Wave> byGroup = new HashMap<>();
        private final Map<Integer, Wave> byStage = new HashMap<>();
        private final Map<String, Long> seedsLeft;
        private final int cellsTotal;
        private final long total;
        private final PrintStream out;
        private final AtomicLong done = new AtomicLong();
        private volatile int cellsDone;
        private volatile boolean running;
        private Thread thread;
        private long start;

        /** @param seedsLeft the seeds to run per cell (copied) */
        Progress(long total, Map<String, Long> seedsLeft, PrintStream out) {
            this.total = total;
            this.seedsLeft = new HashMap<>(seedsLeft);
            this.cellsTotal = seedsLeft.size();
            this.out = out;
        }

        /** Registers the tasks (lists of blocks, one per partition) of the wave that runs under job group {@code group}. */
        synchronized void expect(String group, List<List<Block>> tasks) {
            byGroup.put(group, new Wave(tasks, new boolean[tasks.size()]));
        }

        @Override
        public synchronized void onJobStart(org.apache.spark.scheduler.SparkListenerJobStart start) {
            String group = start.properties() == null ? null : start.properties().getProperty("spark.jobGroup.id");
            Wave w = group == null ? null : byGroup.get(group);
            if (w == null) return;
            scala.collection.Iterator<Object> it = start.stageIds().iterator();
            while (it.hasNext()) byStage.put((Integer) it.next(), w);
        }

        @Override
        public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
            Wave w = byStage.get(end.stageId());
            int idx = end.taskInfo().index();
            if (w == null || !end.taskInfo().successful() || idx < 0 || idx >= w.seen().length || w.seen()[idx]) return;
            w.seen()[idx] = true;
            for (Block b : w.partBlocks().get(idx)) {
                done.addAndGet(b.size());
                if (seedsLeft.merge(b.cellId(), -b.size(), Long::sum) == 0) cellsDone++;
            }
        }

        void start() {
            if (out == null) return;
            start = System.nanoTime();
            running = true;
            boolean tty = System.console() != null;
            thread = new Thread(() -> {
                while (running) {
                    print(false);
                    try {
                        Thread.sleep(tty ? 1000 : 10000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "memsweep-progress");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() {
            if (thread == null) return;
            running = false;
            thread.interrupt();
            print(true);
        }

        private void print(boolean last) {
            double el = (System.nanoTime() - start) / 1e9;
            long d = last ? total : done.get();
            double rate = el > 0 ? d / el : 0;
            String eta = d == 0 ? "?" : fmt((total - d) / Math.max(rate, 1e-9));
            boolean tty = System.console() != null;
            out.printf(Locale.ROOT, "%s  cells %d/%d  trajectories %d/%d  %.0f traj/s  elapsed %s  ETA %s   %s",
                    tty ? "\r" : "", last ? cellsTotal : cellsDone, cellsTotal, d, total, rate, fmt(el), last ? "0s" : eta,
                    last || !tty ? "\n" : "");
            out.flush();
        }

        private static String fmt(double s) {
            long t = Math.round(s);
            return t >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", t / 3600, t / 60 % 60)
                    : t >= 60 ? String.format(Locale.ROOT, "%dm%02ds", t / 60, t % 60) : t + "s";
        }
    }
}
