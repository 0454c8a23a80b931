package org.memsweep.jobs.sweep;

import static org.memsweep.analysis.Columns.*;

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
import org.memsweep.analysis.Columns.Outcome;
import org.memsweep.analysis.Wilson;
import org.memsweep.engine.cell.Cell;
import org.memsweep.engine.cell.Param;
import org.memsweep.engine.exact.CategoryProbabilities;

/**
 * The sweep: a validated {@link SweepSpec} becomes rows of {@code trajectories/}, {@code cells/}
 * and {@code runs/} under an output root (any Hadoop path).
 * <p>Resume protocol. A cell counts as done up to the {@code seeds} of its {@code cells/} row; rows
 * of {@code trajectories/} beyond that are leftovers of an interrupted run. A run (1) restores the
 * cells table if a previous run died while swapping it, (2) deletes every trajectory file that
 * holds a leftover row (files are written by one job, whose cells are committed all together or
 * not at all, so such a file holds only leftovers), (3) computes the missing seed indices of each
 * cell in blocks, appending to {@code trajectories/} (Spark's commit protocol keeps unfinished
 * files in {@code _temporary/}, which readers ignore), (4) rewrites {@code cells/} in a staging
 * folder and swaps it in with renames, then (5) appends its {@code runs/} row. Killed at any
 * moment and rerun, it ends with the same rows as an uninterrupted run.
 */
public final class SweepJob {
    /** Options beyond the spec. */
    public record Options(String out, Integer partitions, long blockSize, boolean overwrite, String specText, PrintStream progress) {}

    /** What a run did. */
    public record Result(String runId, int cellsTotal, int cellsComputed, int cellsSkipped, long trajectories,
                         double seconds, Map<String, String> failedCells) {}

    private final SparkSession spark;

    public SweepJob(SparkSession spark) {
        this.spark = spark;
    }

    public Result run(SweepSpec spec, List<Cell> cells, Options opt) throws IOException {
        long t0 = System.nanoTime();
        Instant started = Instant.now();
        String runId = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(started)
                + "-" + Long.toHexString(Double.doubleToLongBits(Math.random())).substring(0, 6);
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Path root = new Path(opt.out());
        FileSystem fs = root.getFileSystem(conf);
        if (opt.overwrite() && fs.exists(root)) fs.delete(root, true);
        fs.mkdirs(root);
        Path cellsPath = new Path(root, CELLS), trajPath = new Path(root, TRAJECTORIES);
        Path staging = new Path(root, "_cells_staging"), old = new Path(root, "_cells_old");
        recoverCellsSwap(fs, cellsPath, staging, old);

        Map<String, Row> existing = new LinkedHashMap<>();
        if (fs.exists(cellsPath)) {
            for (Row r : spark.read().schema(Schemas.cells()).parquet(cellsPath.toString()).collectAsList()) {
                existing.put(r.getAs(CELL_ID), r);
            }
        }
        removeLeftovers(fs, trajPath, existing);

        // Plan the blocks of missing seed indices.
        List<Block> blocks = new ArrayList<>();
        Map<String, Cell> pending = new LinkedHashMap<>();
        int skipped = 0;
        for (Cell c : cells) {
            Row have = existing.get(c.id());
            long done = have == null ? 0 : have.<Long>getAs(SEEDS);
            if (done >= spec.seeds()) {
                skipped++;
                continue;
            }
            pending.put(c.id(), c);
            LinkedHashMap<String, Object> params = new LinkedHashMap<>(c.params().toMap());
            for (long from = done; from < spec.seeds(); from += opt.blockSize()) {
                blocks.add(new Block(c.id(), params, from, Math.min(spec.seeds(), from + opt.blockSize())));
            }
        }
        long total = blocks.stream().mapToLong(Block::size).sum();
        Map<String, String> failed = new TreeMap<>();
        if (!blocks.isEmpty()) {
            int parts = opt.partitions() != null ? opt.partitions()
                    : Math.min(blocks.size(), Math.max(1, 2 * spark.sparkContext().defaultParallelism()));
            int maxAttempts = Math.max(1, spark.sparkContext().getConf().getInt("spark.task.maxFailures", 4));
            CollectionAccumulator<String> failures = spark.sparkContext().collectionAccumulator("memsweep-failures");
            Progress progress = new Progress(blocks, parts, pending.size(), opt.progress());
            spark.sparkContext().addSparkListener(progress);
            progress.start();
            try {
                JavaRDD<Row> rows = JavaSparkContext.fromSparkContext(spark.sparkContext())
                        .parallelize(blocks, parts)
                        .mapPartitions(new TrajectoryTask(runId, maxAttempts, failures));
                spark.createDataFrame(rows, Schemas.trajectories())
                        .write().mode(SaveMode.Append).partitionBy(N).parquet(trajPath.toString());
            } finally {
                progress.stop();
                spark.sparkContext().removeSparkListener(progress);
            }
            for (String f : failures.value()) {
                int tab = f.indexOf('\t');
                failed.put(f.substring(0, tab), f.substring(tab + 1));
            }
        }

        // Commit: new cells rows for every cell computed now, old rows for the rest.
        List<Row> cellRows = new ArrayList<>();
        Set<String> computed = new java.util.LinkedHashSet<>(pending.keySet());
        computed.removeAll(failed.keySet());
        Map<String, Row> fresh = aggregate(trajPath, computed, pending, runId, fs);
        for (Map.Entry<String, Row> e : existing.entrySet()) if (!fresh.containsKey(e.getKey())) cellRows.add(e.getValue());
        cellRows.addAll(fresh.values());
        if (!fresh.isEmpty() || !fs.exists(cellsPath)) {
            spark.createDataFrame(cellRows, Schemas.cells()).coalesce(1)
                    .write().mode(SaveMode.Overwrite).parquet(staging.toString());
            swapIn(fs, cellsPath, staging, old);
        }

        Instant ended = Instant.now();
        String status = failed.isEmpty() ? "succeeded" : "partial: " + failed.size() + " cell(s) failed";
        Row run = RowFactory.create(runId, opt.specText(), codeVersion(), spark.sparkContext().master(),
                Timestamp.from(started), Timestamp.from(ended), status, cells.size(), computed.size(), skipped, total);
        spark.createDataFrame(List.of(run), Schemas.runs()).coalesce(1)
                .write().mode(SaveMode.Append).parquet(new Path(root, RUNS).toString());
        return new Result(runId, cells.size(), computed.size(), skipped, total, (System.nanoTime() - t0) / 1e9, failed);
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

    /** Deletes every trajectory file holding a row beyond its cell's committed seeds. */
    private void removeLeftovers(FileSystem fs, Path traj, Map<String, Row> committed) throws IOException {
        if (!fs.exists(traj)) return;
        Dataset<Row> t = spark.read().parquet(traj.toString()).select(functions.col(CELL_ID), functions.col(SEED_INDEX),
                functions.input_file_name().as("file"));
        List<Row> done = new ArrayList<>();
        for (Row r : committed.values()) done.add(RowFactory.create(r.<String>getAs(CELL_ID), r.<Long>getAs(SEEDS)));
        Dataset<Row> marks = spark.createDataFrame(done, org.apache.spark.sql.types.DataTypes.createStructType(List.of(
                org.apache.spark.sql.types.DataTypes.createStructField("c_id", org.apache.spark.sql.types.DataTypes.StringType, false),
                org.apache.spark.sql.types.DataTypes.createStructField("c_seeds", org.apache.spark.sql.types.DataTypes.LongType, false))));
        List<Row> files = t.join(marks, t.col(CELL_ID).equalTo(marks.col("c_id")), "left")
                .where(marks.col("c_seeds").isNull().or(t.col(SEED_INDEX).geq(marks.col("c_seeds"))))
                .select("file").distinct().collectAsList();
        for (Row f : files) fs.delete(new Path(java.net.URI.create(f.getString(0))), false);
        if (!files.isEmpty()) spark.catalog().clearCache();
    }

    /** Counts per category over all of a cell's trajectories (Spark groups; the driver does the arithmetic). */
    private Map<String, Row> aggregate(Path traj, Set<String> ids, Map<String, Cell> cells, String runId, FileSystem fs) throws IOException {
        Map<String, Row> out = new LinkedHashMap<>();
        if (ids.isEmpty() || !fs.exists(traj)) return out;
        Map<String, Map<String, Long>> counts = new HashMap<>();
        Map<String, Long> nanos = new HashMap<>();
        List<Row> grouped = spark.read().parquet(traj.toString())
                .where(functions.col(CELL_ID).isin(ids.toArray()))
                .groupBy(CELL_ID, CATEGORY).agg(functions.count("*").as("k"), functions.sum(COMPUTE_NS).as("ns"))
                .collectAsList();
        for (Row r : grouped) {
            String id = r.getString(0);
            counts.computeIfAbsent(id, x -> new HashMap<>()).put(r.getString(1), r.getLong(2));
            nanos.merge(id, r.getLong(3), Long::sum);
        }
        for (String id : ids) out.put(id, cellRow(runId, cells.get(id), counts.getOrDefault(id, Map.of()), nanos.getOrDefault(id, 0L)));
        return out;
    }

    static Row cellRow(String runId, Cell cell, Map<String, Long> byCategory, long nanos) {
        List<Object> v = new ArrayList<>();
        v.add(runId);
        v.add(cell.id());
        for (Param p : Param.values()) v.add(p.get(cell.params()));
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
        CategoryProbabilities exact = cell.exactPrediction().orElse(null);
        for (Outcome o : Outcome.withExact()) {
            v.add(exact == null ? null : o == Outcome.MEMORIZED ? exact.memorized()
                    : exact.of(org.memsweep.engine.classify.Category.valueOf(o.name())));
        }
        v.add(nanos / 1e9);
        return RowFactory.create(v.toArray());
    }

    static String codeVersion() {
        String v = SweepJob.class.getPackage().getImplementationVersion();
        return "memsweep " + (v == null ? "0.1.0-SNAPSHOT" : v);
    }

    /** One status line on stderr, at most once a second: cells done / total, trajectories/s, elapsed, ETA. */
    static final class Progress extends SparkListener {
        private final long[] partTrajectories;
        private final List<List<String>> partCells;
        private final Map<String, Integer> blocksLeft = new HashMap<>();
        private final int cellsTotal;
        private final PrintStream out;
        private final AtomicLong done = new AtomicLong();
        private final long total;
        private final boolean[] seen;
        private volatile int cellsDone;
        private volatile boolean running;
        private Thread thread;
        private long start;

        Progress(List<Block> blocks, int parts, int cellsTotal, PrintStream out) {
            this.cellsTotal = cellsTotal;
            this.out = out;
            this.partTrajectories = new long[parts];
            this.partCells = new ArrayList<>();
            this.seen = new boolean[parts];
            long t = 0;
            for (int i = 0; i < parts; i++) {
                // ParallelCollectionRDD slices positions [i·n/p, (i+1)·n/p).
                int from = (int) ((long) i * blocks.size() / parts), to = (int) ((long) (i + 1) * blocks.size() / parts);
                List<String> ids = new ArrayList<>();
                for (Block b : blocks.subList(from, to)) {
                    partTrajectories[i] += b.size();
                    ids.add(b.cellId());
                    blocksLeft.merge(b.cellId(), 1, Integer::sum);
                }
                partCells.add(ids);
                t += partTrajectories[i];
            }
            this.total = t;
        }

        @Override
        public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
            int idx = end.taskInfo().index();
            if (!end.taskInfo().successful() || idx < 0 || idx >= seen.length || seen[idx] || end.stageAttemptId() < 0) return;
            seen[idx] = true;
            done.addAndGet(partTrajectories[idx]);
            for (String id : partCells.get(idx)) {
                if (blocksLeft.merge(id, -1, Integer::sum) == 0) cellsDone++;
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
            long d = done.get();
            double rate = el > 0 ? d / el : 0;
            String eta = d == 0 ? "?" : fmt((total - d) / Math.max(rate, 1e-9));
            boolean tty = System.console() != null;
            out.printf(Locale.ROOT, "%s  cells %d/%d  trajectories %d/%d  %.0f traj/s  elapsed %s  ETA %s   %s",
                    tty ? "\r" : "", cellsDone, cellsTotal, d, total, rate, fmt(el), last ? "0s" : eta, last || !tty ? "\n" : "");
            out.flush();
        }

        private static String fmt(double s) {
            long t = Math.round(s);
            return t >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", t / 3600, t / 60 % 60)
                    : t >= 60 ? String.format(Locale.ROOT, "%dm%02ds", t / 60, t % 60) : t + "s";
        }
    }
}
