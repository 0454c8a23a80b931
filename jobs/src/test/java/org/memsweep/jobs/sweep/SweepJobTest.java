package org.memsweep.jobs.sweep;

import static org.junit.jupiter.api.Assertions.*;
import static org.memsweep.analysis.table.Columns.*;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.memsweep.engine.InvalidParameterException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memsweep.engine.cell.Cell;
import org.memsweep.jobs.cli.Spark;

class SweepJobTest {
    static final String BASE = "name: t\ndataset: orthogonal\nd: 6\nsigma-max: 0.1\nsigma-min: 0.002\nsteps: 40\n"
            + "start-mean: data-mean\nstart-scale: 0.3\nflow: probability\n";

    static SparkSession spark;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() {
        spark = Spark.session("SweepJobTest", "local[2]", false);
    }

    @AfterAll
    static void stop() {
        if (spark != null) spark.stop();
    }

    static SweepSpec spec(String ns, long seeds) {
        return SweepSpec.of(SweepSpec.parse(BASE + "n: " + ns + "\nseeds: " + seeds + "\n", "test"));
    }

    static SweepJob.Result run(SweepSpec s, String out, Integer partitions, long blockSize, boolean overwrite) throws IOException {
        return new SweepJob(spark).run(s, s.buildCells(), new SweepJob.Options(out, partitions, blockSize, overwrite, "{}", null));
    }

    static SweepJob.Result run(SweepSpec s, String out) throws IOException {
        return run(s, out, null, 100, false);
    }

    /** All rows of a table minus the volatile columns, sorted, with doubles as raw bits (so NaN equals NaN, -0 differs from 0). */
    static List<List<Object>> table(String out, String name, String... drop) {
        Dataset<Row> t = spark.read().parquet(out + "/" + name).drop(drop);
        String[] cols = t.columns();
        Arrays.sort(cols);
        t = t.selectExpr(cols);
        t = name.equals(TRAJECTORIES) ? t.orderBy(CELL_ID, SEED_INDEX) : t.orderBy(CELL_ID);
        List<List<Object>> rows = new ArrayList<>();
        for (Row r : t.collectAsList()) {
            List<Object> v = new ArrayList<>();
            for (int i = 0; i < r.length(); i++) {
                Object x = r.get(i);
                v.add(x instanceof Double dd ? (Object) ("d" + Double.doubleToLongBits(dd)) : x);
            }
            rows.add(v);
        }
        return rows;
    }

    static List<List<Object>> trajectories(String out) {
        return table(out, TRAJECTORIES, RUN_ID, COMPUTE_NS);
    }

    static List<List<Object>> cells(String out) {
        return table(out, CELLS, RUN_ID, COMPUTE_SECONDS);
    }

    static Map<String, Long> countsPerCell(String out) {
        Map<String, Long> m = new HashMap<>();
        for (Row r : spark.read().parquet(out + "/" + TRAJECTORIES).groupBy(CELL_ID).count().collectAsList()) m.put(r.getString(0), r.getLong(1));
        return m;
    }

    static long duplicates(String out) {
        return spark.read().parquet(out + "/" + TRAJECTORIES).groupBy(CELL_ID, SEED_INDEX).count().where("count > 1").count();
    }

    static String dir(String name) {
        return tmp.resolve(name).toString();
    }

    @Test
    void deterministicAcrossMastersAndPartitions() throws IOException {
        SweepSpec s = spec("[2, 3, 4]", 200);
        String ref = dir("det-ref");
        SweepJob.Result r = run(s, ref, 1, 60, false);
        assertEquals(3, r.cellsComputed());
        assertEquals(600, r.trajectories());
        List<List<Object>> traj = trajectories(ref), cells = cells(ref);
        assertEquals(600, traj.size());
        assertEquals(3, cells.size());
        for (int p : new int[] {3, 64}) {
            String o = dir("det-p" + p);
            run(s, o, p, 60, false);
            assertEquals(traj, trajectories(o), "partitions " + p);
            assertEquals(cells, cells(o), "partitions " + p);
        }
        // local[1]: a separate session
        spark.stop();
        spark = Spark.session("SweepJobTest-1", "local[1]", false);
        try {
            assertTrue(spark.sparkContext().master().startsWith("local[1"));
            String o = dir("det-local1");
            run(s, o, 3, 60, false);
            assertEquals(traj, trajectories(o), "local[1]");
            assertEquals(cells, cells(o), "local[1]");
        } finally {
            spark.stop();
            spark = Spark.session("SweepJobTest", "local[2]", false);
        }
        assertEquals(traj, trajectories(ref));
    }

    /**
     * Issue 11's determinism test through the whole sweep: a closed-form, an empirical-MMSE and two
     * score-flow cells give the same rows, bit for bit, for engine batches B ∈ {1, 7, 64, 512} and
     * 1 or 3 partitions (blocks of 100 seeds, which no batch but B = 1 divides).
     */
    @Test
    void identicalRowsForEveryBatchSizeAndPartitioning() throws IOException {
        SweepSpec s = SweepSpec.of(SweepSpec.parse(BASE.replace("flow: probability\n", "")
                + "n: 4\nflow: [probability, score]\nlow-noise: [closed, mmse]\nsigma: 0.05\nseeds: 200\n", "test"));
        assertEquals(4, s.buildCells().size());
        List<List<Object>> traj = null, cells = null;
        for (int batch : new int[] {1, 7, 64, 512}) {
            for (int p : new int[] {1, 3}) {
                String o = dir("batch-" + batch + "-p" + p);
                SweepJob.Result r = new SweepJob(spark).withBatch(batch)
                        .run(s, s.buildCells(), new SweepJob.Options(o, p, 100, false, "{}", null));
                assertEquals(4, r.cellsComputed(), "B = " + batch + ", partitions " + p);
                if (traj == null) {
                    traj = trajectories(o);
                    cells = cells(o);
                    assertEquals(800, traj.size());
                    assertEquals(4, cells.size());
                } else {
                    assertEquals(traj, trajectories(o), "trajectories, B = " + batch + ", partitions " + p);
                    assertEquals(cells, cells(o), "cells, B = " + batch + ", partitions " + p);
                }
            }
        }
        assertThrows(InvalidParameterException.class, () -> new SweepJob(spark).withBatch(-1));
    }

    @Test
    void resumeAndExtend() throws IOException {
        String out = dir("resume");
        SweepSpec s300 = spec("[2, 3]", 300);
        SweepJob.Result r = run(s300, out);
        assertEquals(2, r.cellsComputed());
        assertEquals(0, r.cellsSkipped());
        assertTrue(r.failedCells().isEmpty());
        List<List<Object>> first = trajectories(out);
        assertEquals(600, first.size());

        assertFalse(Files.exists(Path.of(out, RootLock.LOCK)), "a run leaves no lock behind");
        assertTrue(Files.exists(Path.of(out, OutputRoot.MARKER)));
        r = run(s300, out);
        assertEquals(2, r.cellsSkipped());
        assertEquals(0, r.cellsComputed());
        assertEquals(0, r.trajectories());
        assertEquals(first, trajectories(out));

        SweepSpec s500 = spec("[2, 3]", 500);
        r = run(s500, out);
        assertEquals(2, r.cellsComputed());
        assertEquals(400, r.trajectories());
        for (long c : countsPerCell(out).values()) assertEquals(500, c);
        assertEquals(0, duplicates(out));
        String fresh = dir("resume-fresh500");
        run(s500, fresh);
        assertEquals(trajectories(fresh), trajectories(out));
        assertEquals(cells(fresh), cells(out));

        SweepSpec s3 = spec("[2, 3, 4]", 500);
        r = run(s3, out);
        assertEquals(1, r.cellsComputed());
        assertEquals(2, r.cellsSkipped());
        assertEquals(500, r.trajectories());
        assertEquals(3, countsPerCell(out).size());
        assertEquals(0, duplicates(out));

        r = run(s300, out, null, 100, true);
        assertEquals(2, r.cellsComputed());
        assertEquals(0, r.cellsSkipped());
        assertEquals(first, trajectories(out));
        assertEquals(1, spark.read().parquet(out + "/" + RUNS).count());
    }

    @Test
    void rowsOfAnInterruptedRunAreReusedNeverDuplicated() throws IOException {
        // What an interrupted seeds=400 run leaves behind: whole files of correct rows for some
        // seed indices beyond the committed 300 (here 350..399 of one cell), and no cells/ update.
        String reference = dir("leftover-reference");
        SweepSpec s400 = spec("[2, 3]", 400);
        run(s400, reference);
        List<List<Object>> fresh400 = trajectories(reference), fresh400Cells = cells(reference);

        String out = dir("leftover");
        SweepSpec s = spec("[2, 3]", 300);
        run(s, out);
        List<List<Object>> clean = trajectories(out), cleanCells = cells(out);
        String cell = s.buildCells().get(1).id();
        List<Row> rows = spark.read().parquet(reference + "/" + TRAJECTORIES)
                .where(functions.col(CELL_ID).equalTo(cell).and(functions.col(SEED_INDEX).geq(350)))
                .selectExpr(Schemas.trajectories().fieldNames()).collectAsList();
        assertEquals(50, rows.size());
        spark.createDataFrame(rows, Schemas.trajectories()).coalesce(1).write().mode(SaveMode.Append).partitionBy(N)
                .parquet(out + "/" + TRAJECTORIES);
        spark.catalog().clearCache();
        assertEquals(350, countsPerCell(out).get(cell));

        // The same spec again: nothing to do; the cells table still describes seeds 0..299.
        SweepJob.Result r = run(s, out);
        assertEquals(2, r.cellsSkipped());
        assertEquals(0, r.cellsComputed());
        assertEquals(cleanCells, cells(out));

        // Resuming the interrupted seeds=400 run computes only the gaps (300..349 of that cell,
        // 300..399 of the other) and ends equal to an uninterrupted run, without a duplicate.
        r = run(s400, out);
        assertEquals(150, r.trajectories());
        assertEquals(0, duplicates(out));
        assertEquals(fresh400, trajectories(out));
        assertEquals(fresh400Cells, cells(out));

        // Back to the 300-seed state for the crash-in-the-swap checks below.
        run(s, out, null, 100, true);
        assertEquals(clean, trajectories(out));

        // (b) a crash between the two renames of the cells swap: only _cells_old is left
        Path cellsDir = Path.of(out, CELLS), old = Path.of(out, "_cells_old");
        Files.move(cellsDir, old);
        r = run(s, out);
        assertEquals(2, r.cellsSkipped());
        assertEquals(0, r.cellsComputed());
        assertTrue(Files.isDirectory(cellsDir));
        assertFalse(Files.exists(old));
        assertEquals(clean, trajectories(out));
        assertEquals(cleanCells, cells(out));

        // (c) a crash after the staging folder was complete but before it was moved in
        Files.move(cellsDir, Path.of(out, "_cells_staging"));
        r = run(s, out);
        assertEquals(2, r.cellsSkipped());
        assertEquals(cleanCells, cells(out));
    }

    @Test
    void taskOutputsLeftInTemporaryByAKilledRunAreNotCommittedTwice() throws IOException {
        String reference = dir("temporary-reference");
        SweepSpec s400 = spec("[2, 3]", 400);
        run(s400, reference);
        // A killed seeds=400 run whose task for seeds 300..399 of one cell had committed into
        // _temporary/0/task_…/ when the driver died.
        String out = dir("temporary");
        run(spec("[2, 3]", 300), out);
        String cell = s400.buildCells().get(1).id();
        String staged = dir("temporary-staged");
        spark.read().parquet(reference + "/" + TRAJECTORIES)
                .where(functions.col(CELL_ID).equalTo(cell).and(functions.col(SEED_INDEX).geq(300)))
                .coalesce(1).write().partitionBy(N).parquet(staged);
        Path task = Path.of(out, TRAJECTORIES, "_temporary", "0", "task_202611270000_0001_m_000000");
        Files.createDirectories(task);
        try (Stream<Path> dirs = Files.list(Path.of(staged))) {
            for (Path p : dirs.filter(Files::isDirectory).toList()) Files.move(p, task.resolve(p.getFileName()));
        }
        SweepJob.Result r = run(s400, out);
        assertTrue(r.failedCells().isEmpty(), r.failedCells().toString());
        assertEquals(0, duplicates(out));
        assertEquals(trajectories(reference), trajectories(out));
    }

    @Test
    void aCellWithOneFailedBlockIsRecomputedOnlyThere() throws IOException {
        SweepSpec s = spec("[2, 3]", 200);
        List<Cell> cells = s.buildCells();
        String bad = cells.get(0).id();
        String clean = dir("block-clean"), out = dir("block-fail");
        run(s, clean, 2, 50, false);
        SweepJob.Result r;
        System.setProperty("memsweep.fail.block", bad + ":100");
        try {
            // 2 partitions of 4 blocks each: the failing block shares its task (and files) with
            // blocks of both cells, which must survive the next run.
            r = run(s, out, 2, 50, false);
        } finally {
            System.clearProperty("memsweep.fail.block");
        }
        assertEquals(java.util.Set.of(bad), r.failedCells().keySet());
        assertEquals(150, countsPerCell(out).get(bad));
        assertEquals(1, spark.read().parquet(out + "/" + CELLS).count());
        r = run(s, out, 2, 50, false);
        assertEquals(50, r.trajectories(), "only the failed block is computed again");
        assertEquals(0, duplicates(out));
        assertEquals(trajectories(clean), trajectories(out));
        assertEquals(cells(clean), cells(out));
    }

    @Test
    void theLargestStartScaleEndsAsOtherNotDiverged() throws IOException {
        // Start scales are capped at 1e100 (1e308 overflowed to ±∞ and gave DIVERGED where the exact
        // prediction said OTHER); at the cap the arithmetic stays finite and the sweep agrees with it.
        SweepSpec s = SweepSpec.of(SweepSpec.parse(BASE.replace("start-scale: 0.3", "start-scale: 1e100") + "n: 3\nseeds: 60\n", "t"));
        String out = dir("huge-scale");
        SweepJob.Result r = run(s, out);
        assertTrue(r.failedCells().isEmpty(), r.failedCells().toString());
        Row cell = spark.read().parquet(out + "/" + CELLS).first();
        assertEquals(60L, cell.<Long>getAs(SEEDS));
        assertEquals(0L, cell.<Long>getAs("n_diverged"));
        assertEquals(60L, cell.<Long>getAs("n_other"));
        assertTrue(cell.<Double>getAs("exact_other") > 0.999, "exact OTHER " + cell.getAs("exact_other"));
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> SweepSpec.of(SweepSpec.parse(
                BASE.replace("start-scale: 0.3", "start-scale: 1e308") + "n: 3\nseeds: 60\n", "t")).buildCells());
        assertEquals("start-scale", e.parameter());
        // parameters a cell does not use are null in the tables
        assertTrue(cell.isNullAt(cell.fieldIndex(ETA)) && cell.isNullAt(cell.fieldIndex(SIGMA)) && cell.isNullAt(cell.fieldIndex(KAPPA)));
        assertEquals("data", cell.getAs(FRAME));
    }

    /**
     * The score-flow cell (σ = 1e-4: ~20 % of flows run out of steps): n_unconverged is the
     * number of rows with converged = false, and a cell counted from the tasks' tallies (written
     * whole by one run) equals one counted from its rows (extended from 100 to 200 seeds).
     */
    @Test
    void unconvergedCountsAgreeBetweenTalliesAndRows() throws IOException {
        String base = "name: t\ndataset: orthogonal\nd: 10\nn: 5\nflow: score\nsigma: 1e-4\n"
                + "start-mean: box-center\nstart-scale: 0.3\n";
        SweepSpec s100 = SweepSpec.of(SweepSpec.parse(base + "seeds: 100\n", "t"));
        SweepSpec s200 = SweepSpec.of(SweepSpec.parse(base + "seeds: 200\n", "t"));
        String whole = dir("unconverged-whole"), extended = dir("unconverged-extended");
        run(s200, whole);
        run(s100, extended);
        run(s200, extended);
        Row cell = spark.read().parquet(whole + "/" + CELLS).first();
        long rows = spark.read().parquet(whole + "/" + TRAJECTORIES).where(functions.not(functions.col(CONVERGED))).count();
        assertTrue(rows > 10 && rows < 100, "about 20 % of 200 do not converge: " + rows);
        assertEquals(rows, cell.<Long>getAs(N_UNCONVERGED));
        assertEquals(rows / 200.0, cell.<Double>getAs(FRAC_UNCONVERGED), 1e-15);
        assertEquals(cells(whole), cells(extended), "tallies and rows give the same cells row");
        Row ext = spark.read().parquet(extended + "/" + CELLS).first();
        assertEquals(rows, ext.<Long>getAs(N_UNCONVERGED));
        // a probability-flow cell that converges everywhere records 0, not NULL
        String pf = dir("unconverged-pf");
        run(spec("3", 50), pf);
        assertEquals(0L, spark.read().parquet(pf + "/" + CELLS).first().<Long>getAs(N_UNCONVERGED));
    }

    @Test
    void failingCellIsReportedAndTheRestCompletes() throws IOException {
        SweepSpec s = spec("[2, 3, 4]", 200);
        List<Cell> cells = s.buildCells();
        String bad = cells.get(1).id();
        String out = dir("fail");
        SweepJob.Result r;
        System.setProperty("memsweep.fail.cell", bad);
        try {
            r = run(s, out, 3, 50, false);
        } finally {
            System.clearProperty("memsweep.fail.cell");
        }
        assertEquals(Map.of(bad, r.failedCells().get(bad)), r.failedCells());
        assertTrue(r.failedCells().get(bad).contains("injected failure"), r.failedCells().toString());
        assertEquals(2, r.cellsComputed());
        List<String> ids = new ArrayList<>();
        for (Row row : spark.read().parquet(out + "/" + CELLS).select(CELL_ID).collectAsList()) ids.add(row.getString(0));
        assertEquals(2, ids.size());
        assertFalse(ids.contains(bad));
        Map<String, Long> counts = countsPerCell(out);
        assertNull(counts.get(bad));
        assertEquals(200, counts.get(cells.get(0).id()));
        assertEquals(200, counts.get(cells.get(2).id()));
        Row run = spark.read().parquet(out + "/" + RUNS).collectAsList().get(0);
        assertTrue(run.<String>getAs(STATUS).startsWith("partial"), run.toString());

        // the rerun computes only the failed cell and then equals a clean run
        r = run(s, out, 3, 50, false);
        assertTrue(r.failedCells().isEmpty());
        assertEquals(1, r.cellsComputed());
        assertEquals(2, r.cellsSkipped());
        String clean = dir("fail-clean");
        run(s, clean, 3, 50, false);
        assertEquals(trajectories(clean), trajectories(out));
        assertEquals(cells(clean), cells(out));
    }

    @Test
    void cellFailingOnceSucceedsOnRetry() throws IOException {
        SweepSpec s = spec("[2, 3]", 150);
        String bad = s.buildCells().get(0).id();
        String out = dir("once");
        SweepJob.Result r;
        System.setProperty("memsweep.fail.once", bad);
        try {
            r = run(s, out, 2, 50, false);
        } finally {
            System.clearProperty("memsweep.fail.once");
        }
        assertTrue(r.failedCells().isEmpty(), r.failedCells().toString());
        assertEquals(2, r.cellsComputed());
        assertEquals(150, countsPerCell(out).get(bad));
        assertEquals(0, duplicates(out));
    }

    @Test
    void aTaskRetriedAfterItsFilesWereInTheTableReplacesThemAddingNoRow() throws Exception {
        // Every task's first attempt fails after renaming its files into the table; the retry
        // writes the same names, so each task leaves one file per n and every row once.
        SweepSpec s = spec("[2, 3]", 200);
        List<Cell> cells = s.buildCells();
        String out = dir("committed-retry"), clean = dir("committed-clean");
        SweepJob.Result r;
        java.util.concurrent.atomic.AtomicInteger retried = new java.util.concurrent.atomic.AtomicInteger();
        org.apache.spark.scheduler.SparkListener failures = new org.apache.spark.scheduler.SparkListener() {
            @Override
            public void onTaskEnd(org.apache.spark.scheduler.SparkListenerTaskEnd end) {
                if (!end.taskInfo().successful() && end.reason().toString().contains("were committed")) retried.incrementAndGet();
            }
        };
        spark.sparkContext().addSparkListener(failures);
        try {
            System.setProperty("memsweep.fail.committed", cells.get(0).id());
            r = run(s, out, 2, 50, false);
            spark.sparkContext().listenerBus().waitUntilEmpty();
        } finally {
            System.clearProperty("memsweep.fail.committed");
            spark.sparkContext().removeSparkListener(failures);
        }
        assertTrue(retried.get() >= 1, "some task failed after its files were in the table, and was retried");
        assertTrue(r.failedCells().isEmpty(), r.failedCells().toString());
        assertEquals(2, r.cellsComputed());
        assertEquals(0, duplicates(out));
        assertEquals(Map.of(cells.get(0).id(), 200L, cells.get(1).id(), 200L), countsPerCell(out));
        run(s, clean, 2, 50, false);
        assertEquals(trajectories(clean), trajectories(out));
        assertEquals(cells(clean), cells(out));
        // one file per task and n: the same count as the clean run's, no attempt's folder left
        assertEquals(files(Path.of(clean, TRAJECTORIES)).filter(f -> f.getName().endsWith(".parquet")).count(),
                files(Path.of(out, TRAJECTORIES)).filter(f -> f.getName().endsWith(".parquet")).count());
        assertFalse(Files.exists(Path.of(out, TRAJECTORIES, "_temporary")));
    }

    static Stream<File> files(Path p) throws IOException {
        return Files.walk(p).map(Path::toFile).filter(File::isFile);
    }

    /** The classpath of this test JVM (surefire puts the real one in a property). */
    private static String classpath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    private static Process startSweep(Path specFile, String out, Path log) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(Files.readAllLines(Path.of("..", "deploy", "conf", "spark-jvm.args")));
        // killed, it cannot clean up: its Spark folders go where this JVM's temporary files go (target/, see pom.xml)
        cmd.addAll(List.of("-Xmx2g", "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"), "-cp", classpath(), "org.memsweep.jobs.Main", "sweep", "--spec", specFile.toString(),
                "--out", out, "--master", "local[2]", "--block-size", "250", "--quiet"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        return pb.start();
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, Process p, Path log) throws Exception {
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (!p.isAlive()) fail("the sweep ended before it could be killed:\n" + Files.readString(log));
            if (System.nanoTime() > deadline) fail("timed out waiting to kill the sweep:\n" + Files.readString(log));
            Thread.sleep(50);
        }
    }

    @Test
    void aSweepKilledWithSigkillAndRerunEndsEqualToAnUninterruptedOne() throws Exception {
        // MMSE from σ_max = 80 keeps each trajectory busy, so the kills land mid-run; 8 cells × 1500 seeds in
        // blocks of 250 run in waves of 16 blocks, so cells commit between waves.
        String yaml = BASE.replace("sigma-max: 0.1", "sigma-max: 80").replace("start-scale: 0.3", "start-scale: auto")
                .replace("start-mean: data-mean", "start-mean: origin") + "n: [2, 3, 4, 5, 6, 7]\nseeds: 1500\nhigh-noise: mmse\n";
        Path specFile = tmp.resolve("kill.yaml");
        Files.writeString(specFile, yaml);
        SweepSpec s = SweepSpec.of(SweepSpec.parse(yaml, "kill"));
        String out = dir("killed");
        Path trajTmp = Path.of(out, TRAJECTORIES, "_temporary"), cellsDir = Path.of(out, CELLS);

        // 1. SIGKILL while the first wave's tasks are writing.
        Path log1 = tmp.resolve("kill1.log");
        Process p = startSweep(specFile, out, log1);
        waitFor(() -> Files.isDirectory(trajTmp), p, log1);
        p.destroyForcibly().waitFor();
        assertTrue(Files.exists(Path.of(out, RootLock.LOCK)), "SIGKILL leaves the lock: the reruns take it over (pid gone)");
        assertFalse(Files.exists(cellsDir.resolve("_SUCCESS")) && spark.read().parquet(cellsDir.toString()).count() == 6,
                "the first kill came before the sweep finished");

        // 2. Rerun; SIGKILL again once some cells are committed.
        Path log2 = tmp.resolve("kill2.log");
        p = startSweep(specFile, out, log2);
        waitFor(() -> Files.isDirectory(cellsDir), p, log2);
        p.destroyForcibly().waitFor();

        // 3. Rerun to completion (in this JVM) and compare with an uninterrupted run.
        SweepJob.Result r = run(s, out, null, 250, false);
        assertTrue(r.failedCells().isEmpty(), r.failedCells().toString());
        String reference = dir("uninterrupted");
        run(s, reference, null, 250, false);
        assertEquals(0, duplicates(out));
        assertEquals(trajectories(reference), trajectories(out));
        assertEquals(cells(reference), cells(out));
    }

    @Test
    void lostTrajectoriesOfCommittedCellsAreComputedAgain() throws IOException {
        SweepSpec s = spec("[2, 3]", 300);
        String reference = dir("lost-reference");
        run(s, reference);
        String out = dir("lost");
        run(s, out);
        // trajectories/ deleted, cells/ still there: the rerun must not say "already complete"
        deleteTree(Path.of(out, TRAJECTORIES));
        spark.catalog().clearCache();
        SweepJob.Result r = run(s, out);
        assertEquals(2, r.cellsComputed());
        assertEquals(0, r.cellsSkipped());
        assertEquals(600, r.trajectories());
        assertEquals(trajectories(reference), trajectories(out));
        assertEquals(cells(reference), cells(out));

        // one data file gone: exactly its rows are computed again, and that cell's row rewritten
        Path gone = files(Path.of(out, TRAJECTORIES)).map(File::toPath)
                .filter(p -> p.toString().endsWith(".parquet") && p.toString().contains("n=3")).findFirst().orElseThrow();
        long rows = spark.read().parquet(gone.toString()).count();
        Files.delete(gone);
        spark.catalog().clearCache();
        r = run(s, out);
        assertEquals(rows, r.trajectories());
        assertEquals(1, r.cellsComputed());
        assertEquals(1, r.cellsSkipped());
        assertEquals(0, duplicates(out));
        assertEquals(trajectories(reference), trajectories(out));
        assertEquals(cells(reference), cells(out));
    }

    @Test
    void aTruncatedDataFileStopsTheRunNamingIt() throws IOException {
        SweepSpec s = spec("[2]", 100);
        String out = dir("truncated");
        run(s, out);
        Path part = files(Path.of(out, TRAJECTORIES)).map(File::toPath).filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
        byte[] b = Files.readAllBytes(part);
        Files.write(part, Arrays.copyOf(b, b.length / 2));
        List<List<Object>> before = cells(out);
        DataFiles.DamagedFileException e = assertThrows(DataFiles.DamagedFileException.class, () -> run(s, out));
        assertTrue(e.getMessage().contains(part.getFileName().toString()), e.getMessage());
        assertFalse(Files.exists(Path.of(out, RootLock.LOCK)), "released on failure");
        assertEquals(before, cells(out));
        // What the message says to do works: move it away, rerun, and its rows are back.
        Files.move(part, tmp.resolve("truncated-moved.parquet"));
        spark.catalog().clearCache();
        SweepJob.Result r = run(s, out);
        assertEquals(1, r.cellsComputed());
        String reference = dir("truncated-reference");
        run(s, reference);
        assertEquals(trajectories(reference), trajectories(out));
    }

    @Test
    void twoConcurrentSweepsIntoOneRoot() throws Exception {
        String yaml = BASE.replace("sigma-max: 0.1", "sigma-max: 80").replace("start-scale: 0.3", "start-scale: auto")
                .replace("start-mean: data-mean", "start-mean: origin") + "n: [2, 3, 4, 5]\nseeds: 1500\nhigh-noise: mmse\n";
        Path specFile = tmp.resolve("concurrent.yaml");
        Files.writeString(specFile, yaml);
        SweepSpec s = SweepSpec.of(SweepSpec.parse(yaml, "concurrent"));
        String out = dir("concurrent");
        Path log = tmp.resolve("concurrent.log");
        Process p = startSweep(specFile, out, log);
        try {
            waitFor(() -> Files.isDirectory(Path.of(out, TRAJECTORIES)), p, log);
            RootLock.HeldException e = assertThrows(RootLock.HeldException.class, () -> run(s, out));
            assertTrue(e.getMessage().contains("pid " + p.pid()), e.getMessage());
            assertTrue(p.isAlive(), "the first sweep goes on");
            assertEquals(0, p.waitFor(), Files.readString(log));
        } finally {
            p.destroyForcibly();
        }
        assertFalse(Files.exists(Path.of(out, RootLock.LOCK)));
        String reference = dir("concurrent-reference");
        run(s, reference, null, 250, false);
        assertEquals(trajectories(reference), trajectories(out));
        assertEquals(cells(reference), cells(out));
    }

    static void deleteTree(Path p) throws IOException {
        try (Stream<Path> w = Files.walk(p)) {
            for (Path x : w.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(x);
        }
    }
}
