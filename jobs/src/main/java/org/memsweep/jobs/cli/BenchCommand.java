package org.memsweep.jobs.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.memsweep.engine.cell.Cell;
import org.memsweep.engine.cell.CellParams;
import org.memsweep.engine.classify.Endpoint;
import org.memsweep.engine.run.BatchRunner;
import org.memsweep.engine.run.RandomNetworkRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code memsweep bench}: the engine's single-thread speed against the NumPy peer
 * (the repository's {@code bench/peer_flow.py}, run in the same command with OPENBLAS_NUM_THREADS=1) on the
 * issue's five probability-flow cases (science.md §4, endpoints classified as in §6): (a)–(c) closed form and
 * empirical MMSE cells, (d) a random ReLU network at every level (a speed reference for §3.4's trained
 * networks), (e) the scale preset's cell, judged by its cost per coordinate-step against (a)'s. Rates per wall
 * second and per CPU second (the machine may be shared), bytes allocated per trajectory. A benchmark prints
 * figures; it asserts nothing.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Trajectories per second of the engine on one thread vs the NumPy peer, for five probability-flow cases.")
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--peer", paramLabel = "<path>", description = "the NumPy peer script (default: the repository's bench/peer_flow.py, $MEMSWEEP_HOME/bench/peer_flow.py)")
    Path peer;

    @Option(names = "--python", paramLabel = "<exe>", description = "Python interpreter for the peer (default: ${DEFAULT-VALUE})", defaultValue = "python3")
    String python;

    @Option(names = "--seconds", paramLabel = "<s>", description = "minimum timed seconds per engine case (default: ${DEFAULT-VALUE})", defaultValue = "3")
    double seconds;

    @Option(names = "--no-peer", description = "measure the engine only")
    boolean noPeer;

    @Option(names = "--spark", description = "instead: a sweep on Spark with local[1] and local[2]; prints wall time, "
            + "summed compute time, efficiency = compute / (wall × cores) and the speed-up of local[2] over local[1]")
    boolean spark;

    @Option(names = "--trainer", description = "instead: Adam steps per second of the min-norm trainer (d=30, N=31, M=100, "
            + "K=256, one thread) beside the NumPy trainer peer bench/peer_alm.py")
    boolean trainer;

    @Option(names = "--trajectories", paramLabel = "<count>", description = "--spark: trajectories per run (default: ${DEFAULT-VALUE})",
            defaultValue = "1000000")
    long trajectories;

    /**
     * One benchmark case: engine parameters, the peer's flags for the same problem (empty: no peer), the width of
     * the random network at every level (0: the cell's own denoisers) and the target, as printed.
     */
    record Case(String name, Map<String, Object> params, List<String> peerArgs, int network, String target) {}

    /** Hidden units of case (d)'s network, the peer's {@code --width}. */
    static final int WIDTH = 256;

    /** Seed of case (d)'s random weights. */
    private static final long NETWORK_SEED = 7;

    static List<Case> cases() {
        double a30 = 0.95 / (2 * Math.sqrt(30)), a256 = 0.95 / (2 * Math.sqrt(256));
        return List.of(
                new Case("(a) closed form, d=30, N=31", Map.of("n", 31, "d", 30, "sigma-max", a30, "sigma-switch", a30, "high-noise", "none"),
                        List.of("--d", "30", "--n", "31", "--denoiser", "closed"), 0, "≥ 10x"),
                new Case("(b) empirical MMSE from σ_max=80, d=30, N=31",
                        Map.of("n", 31, "d", 30, "sigma-max", 80.0, "low-noise", "mmse", "high-noise", "mmse"),
                        List.of("--d", "30", "--n", "31", "--denoiser", "mmse"), 0, "≥ 6x"),
                new Case("(c) closed form, d=256, N=65", Map.of("n", 65, "d", 256, "sigma-max", a256, "sigma-switch", a256, "high-noise", "none"),
                        List.of("--d", "256", "--n", "65", "--denoiser", "closed"), 0, "≥ 30x"),
                // The cell gives the data, levels (σ_max = 80, as the peer's), starts and classifier; the network replaces its denoisers.
                new Case("(d) ReLU network width 256, d=30, N=31", Map.of("n", 31, "d", 30, "sigma-max", 80.0, "low-noise", "mmse", "high-noise", "mmse"),
                        List.of("--d", "30", "--n", "31", "--denoiser", "network", "--width", Integer.toString(WIDTH)), WIDTH, "≥ 3x"),
                // The scale preset's cell (presets/scale.yaml): no peer, its target is the cost per coordinate-step.
                new Case("(e) scale cell, closed form, d=4096, N=1025", Map.of("n", 1025, "d", 4096, "alpha", 5.0, "sigma-max", 0.08,
                        "start-mean", "data-mean", "start-scale", 0.3), List.of(), 0, "cost ≤ 1.5x (a)"));
    }

    @Override
    public Integer call() throws Exception {
        // A non-positive budget timed nothing and printed 0 traj/s; NaN and ∞ never end or time nothing.
        org.memsweep.engine.InvalidParameterException.requirePositive("seconds", seconds);
        if (spark) return sparkBench();
        if (trainer) return trainerBench();
        PrintWriter out = spec.commandLine().getOut();
        Path script = peer != null ? peer : defaultPeer(System.getenv());
        boolean havePeer = !noPeer && Files.isRegularFile(script);
        out.printf(Locale.ROOT, "memsweep bench: probability flow, K=150 Karras levels, Euler, classification included; one thread (%s %s)%n",
                System.getProperty("java.vm.name"), System.getProperty("java.version"));
        out.println("rates: best of 3 timed rounds per wall second (and per CPU second of the measuring thread or process, in brackets)");
        SoftwareFma.warn("memsweep bench", System.err); // case (d)'s network
        if (!noPeer && !havePeer) out.println("NumPy peer not found at " + script + " (use --peer PATH): engine figures only");
        out.printf(Locale.ROOT, "%-46s %20s %20s %16s %8s %13s%n", "case", "engine traj/s", "numpy traj/s", "ratio", "target", "alloc B/traj");
        out.flush();
        double costA = Double.NaN, cpuCostA = Double.NaN;
        for (Case c : cases()) {
            Cell cell = Cell.build(CellParams.fromMap(c.params()));
            double[] engine = measureEngine(chunks(cell, c.network()));
            String peerRate = "-", ratio = "-";
            if (havePeer && !c.peerArgs().isEmpty()) {
                try {
                    double[] p = runPeer(script, c.peerArgs());
                    peerRate = String.format(Locale.ROOT, "%.0f (%.0f)", p[0], p[1]);
                    ratio = String.format(Locale.ROOT, "%.2fx (%.2fx)", engine[0] / p[0], engine[1] / p[1]);
                } catch (Exception e) {
                    out.println("NumPy peer did not run (" + e.getMessage().lines().findFirst().orElse("") + "): engine figures only");
                    havePeer = false;
                }
            }
            String rate = String.format(Locale.ROOT, "%.0f (%.0f)", engine[0], engine[1]);
            out.printf(Locale.ROOT, "%-46s %20s %20s %16s %8s %13.0f%n", c.name(), rate, peerRate, ratio,
                    c.peerArgs().isEmpty() ? "-" : c.target(), engine[2]);
            if (c.network() == 0) {
                CellParams q = cell.params();
                double cost = costPerCoordinateStep(engine[0], q), cpuCost = costPerCoordinateStep(engine[1], q);
                if (Double.isNaN(costA)) {
                    costA = cost;
                    cpuCostA = cpuCost;
                }
                if (c.peerArgs().isEmpty()) {
                    out.printf(Locale.ROOT, "    cost per coordinate-step %.2f ns (%.2f ns CPU), (N−1)·K = %d·%d: %.2fx (a)'s (%.2fx), target %s%n",
                            cost * 1e9, cpuCost * 1e9, q.n() - 1, q.steps(), cost / costA, cpuCost / cpuCostA, c.target());
                }
            }
            out.flush();
        }
        // The same bytes at d = 30 and d = 4096, K = 150 levels: the result records, nothing per step.
        out.println("alloc B/traj: bytes allocated per trajectory on the measuring thread (its result records; none per step)");
        return 0;
    }

    /** Seconds per trajectory / ((N − 1) · K): the flow's work grows with the training points and the levels. */
    static double costPerCoordinateStep(double trajectoriesPerSecond, CellParams p) {
        return 1.0 / trajectoriesPerSecond / ((p.n() - 1.0) * p.steps());
    }

    /** The repository's peer, bench/peer_flow.py under MEMSWEEP_HOME (the launcher sets it) or else the working directory. */
    static Path defaultPeer(Map<String, String> env) {
        return Path.of(env.getOrDefault("MEMSWEEP_HOME", "."), "bench", "peer_flow.py");
    }

    /**
     * Runs trajectories [seed, seed + CHUNK) as a sweep's task does: through the cell's batched path, or (network
     * width > 0) a {@link RandomNetworkRunner} on the cell with output arrays allocated once here.
     */
    static LongConsumer chunks(Cell cell, int network) {
        if (network == 0) return seed -> cell.run(seed, seed + CHUNK);
        BatchRunner runner = RandomNetworkRunner.runner(cell, RandomNetworkRunner.network(cell.params().d(), network, NETWORK_SEED));
        Endpoint[] endpoints = new Endpoint[CHUNK];
        int[] steps = new int[CHUNK];
        boolean[] converged = new boolean[CHUNK];
        long[] nanos = new long[CHUNK];
        return seed -> runner.run(seed, CHUNK, 0, endpoints, steps, converged, nanos, null);
    }

    /** Bytes per trajectory below which the warm-up counts the kernels as compiled (a result record is ~133). */
    static final double WARM_ALLOCATION = 512;

    /**
     * [trajectories per wall second, per CPU second of this thread (each the best of 3 timed rounds), bytes
     * allocated per trajectory], after a warm-up of at least a second that lasts until the kernels allocate nothing (at most 10 s).
     */
    double[] measureEngine(LongConsumer chunk) {
        long seed = 0;
        long warm = System.nanoTime();
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        // At least a second, and on until a chunk allocates no more than its result records: until then the
        // JIT has not compiled the kernels (the Vector API allocates its vectors when interpreted); at most 10 s.
        double perTrajectory = Double.POSITIVE_INFINITY;
        while (System.nanoTime() - warm < 1_000_000_000L
                || (perTrajectory > WARM_ALLOCATION && System.nanoTime() - warm < 10_000_000_000L)) {
            long a0 = mx.getCurrentThreadAllocatedBytes();
            chunk.accept(seed);
            seed += CHUNK;
            perTrajectory = (mx.getCurrentThreadAllocatedBytes() - a0) / (double) CHUNK;
        }
        double best = 0, bestCpu = 0, alloc = Double.NaN;
        for (int round = 0; round < 3; round++) {
            long count = 0, a0 = mx.getCurrentThreadAllocatedBytes(), c0 = mx.getCurrentThreadCpuTime(), t0 = System.nanoTime();
            long budget = (long) (seconds / 3 * 1e9);
            while (System.nanoTime() - t0 < budget) {
                chunk.accept(seed);
                seed += CHUNK;
                count += CHUNK;
            }
            best = Math.max(best, count / ((System.nanoTime() - t0) / 1e9));
            bestCpu = Math.max(bestCpu, count / ((mx.getCurrentThreadCpuTime() - c0) / 1e9));
            alloc = (mx.getCurrentThreadAllocatedBytes() - a0) / (double) count;
        }
        return new double[] {best, bestCpu, alloc};
    }

    /** Trajectories per engine call in the bench: two of the engine's batches (512 up to d = 4096). */
    private static final int CHUNK = 1024;

    private static final Pattern RATE = Pattern.compile("([0-9.]+) trajectories/s");
    private static final Pattern ADAM_RATE = Pattern.compile("([0-9.]+) Adam steps/s");
    /** The shell's {@code times}: its second line is the children's user and system time, e.g. 0m5.57s 0m0.09s. */
    private static final Pattern TIMES = Pattern.compile("(\\d+)m([0-9.]+)s (\\d+)m([0-9.]+)s");
    private static final String CPU_MARK = "memsweep-bench-peer-cpu";

    /**
     * Runs the peer (through {@code sh}, whose {@code times} reports the peer's CPU time) and returns [its
     * trajectories per second, the same per CPU second]. The peer reports only the best wall rate, so the CPU
     * rate scales it by the whole process's wall / CPU (import and warm-up included: an estimate).
     */
    /** The trainer's shape in {@code --trainer}: bench/peer_alm.py's defaults. */
    static final int TRAIN_D = 30, TRAIN_N = 31, TRAIN_M = 100, TRAIN_K = 256, TRAIN_STEPS = 200;

    /**
     * {@code bench --trainer}: the augmented Lagrangian's Adam steps per second (same problem and
     * algorithm as bench/peer_alm.py: phases of 100 steps, fixed penalty) on one thread, best of 3
     * rounds of {@link #TRAIN_STEPS} steps after a warm-up, beside the peer run in the same command.
     */
    private int trainerBench() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "memsweep bench --trainer: augmented Lagrangian, d=%d N=%d M=%d K=%d, one thread (%s %s)%n",
                TRAIN_D, TRAIN_N, TRAIN_M, TRAIN_K, System.getProperty("java.vm.name"), System.getProperty("java.version"));
        out.flush();
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        org.memsweep.engine.train.MinNormTrainer.benchmark(TRAIN_D, TRAIN_N, TRAIN_M, TRAIN_K, 100); // warm-up
        double best = 0, bestCpu = 0;
        long until = System.nanoTime() + (long) (seconds * 1e9);
        for (int round = 0; round < 3 || System.nanoTime() < until; round++) {
            long c0 = mx.getCurrentThreadCpuTime(), t0 = System.nanoTime();
            org.memsweep.engine.train.MinNormTrainer.benchmark(TRAIN_D, TRAIN_N, TRAIN_M, TRAIN_K, TRAIN_STEPS);
            double wall = (System.nanoTime() - t0) / 1e9, cpu = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
            best = Math.max(best, TRAIN_STEPS / wall);
            bestCpu = Math.max(bestCpu, TRAIN_STEPS / cpu);
            if (round >= 9) break;
        }
        double[] p = {Double.NaN, Double.NaN};
        String note = null;
        Path script = peer != null ? peer : defaultPeer(System.getenv()).resolveSibling("peer_alm.py");
        if (noPeer) note = "no peer (--no-peer)";
        else if (!Files.isRegularFile(script)) note = "NumPy peer not found at " + script + " (use --peer PATH)";
        else {
            try {
                p = runPeer(script, List.of("--d", "" + TRAIN_D, "--n", "" + TRAIN_N, "--m", "" + TRAIN_M, "--k", "" + TRAIN_K,
                        "--outer", "3", "--inner", "100"), ADAM_RATE);
            } catch (IllegalStateException e) {
                note = "NumPy peer did not run (" + e.getMessage().lines().findFirst().orElse("") + ")";
            }
        }
        out.printf(Locale.ROOT, "%-30s %20s %20s %16s %8s%n", "case", "engine steps/s", "numpy steps/s", "ratio", "target");
        out.printf(Locale.ROOT, "%-30s %20s %20s %16s %8s%n", "Adam steps, ALM, one thread",
                String.format(Locale.ROOT, "%.1f (%.1f)", best, bestCpu),
                Double.isNaN(p[0]) ? "-" : String.format(Locale.ROOT, "%.1f (%.1f)", p[0], p[1]),
                Double.isNaN(p[0]) ? "-" : String.format(Locale.ROOT, "%.2fx (%.2fx)", best / p[0], bestCpu / p[1]), "≥ 2x");
        if (note != null) out.println(note);
        out.println("rates: best round per wall second (per CPU second in brackets; the peer's from its whole process)");
        out.flush();
        return 0;
    }

    double[] runPeer(Path script, List<String> args) throws Exception {
        return runPeer(script, args, RATE);
    }

    /** {@link #runPeer(Path, List)} reading the peer's rate with {@code rate} (group 1). */
    double[] runPeer(Path script, List<String> args, Pattern rate) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("sh", "-c", "\"$0\" \"$@\"; s=$?; echo " + CPU_MARK + "; times; exit $s", python, script.toString()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("OPENBLAS_NUM_THREADS", "1");
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.environment().put("MKL_NUM_THREADS", "1");
        long t0 = System.nanoTime();
        Process proc = pb.start();
        StringBuilder text = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) text.append(line).append('\n');
        }
        boolean ended = proc.waitFor(10, TimeUnit.MINUTES);
        double wall = (System.nanoTime() - t0) / 1e9;
        int mark = text.lastIndexOf(CPU_MARK);
        String peerText = mark < 0 ? text.toString() : text.substring(0, mark);
        if (!ended || proc.exitValue() != 0) {
            // The peer's last line says why (e.g. numpy missing): the one line bench prints.
            String why = peerText.strip().lines().reduce((a, b) -> b).orElse("no output");
            throw new IllegalStateException(script + " failed: " + why);
        }
        Matcher m = rate.matcher(peerText);
        if (!m.find()) throw new IllegalStateException("no '" + rate.pattern().replace("([0-9.]+) ", "") + "' in the peer's output:\n" + peerText);
        double peerRate = Double.parseDouble(m.group(1));
        Matcher t = TIMES.matcher(mark < 0 ? "" : text.substring(mark));
        double cpu = Double.NaN;
        if (t.find() && t.find()) { // the second line: the children's (the peer's) times
            cpu = Long.parseLong(t.group(1)) * 60 + Double.parseDouble(t.group(2)) + Long.parseLong(t.group(3)) * 60 + Double.parseDouble(t.group(4));
        }
        return new double[] {peerRate, cpu > 0 ? peerRate * wall / cpu : Double.NaN};
    }


    /**
     * The sweep benchmark: one cell (orthogonal d = 30, N = 31, probability flow with the empirical
     * MMSE at every level, the heaviest default denoiser) with {@code trajectories} seeds in the
     * sweep's default blocks, run into a fresh folder with local[1] and local[2]. Before each timed
     * run, a warm-up sweep of a tenth of the seeds in the same session, same blocks, compiles the
     * query plans and brings the JIT to its steady state (a 10⁶ sweep is too short to hide it).
     * Last, the engine alone on one and two threads, the ceiling of the speed-up on this machine.
     * Besides wall and compute time it reports where the process's CPU went: the tasks (engine and
     * row writing, from Spark's task metrics) and everything else (driver, JIT compiler, garbage
     * collector).
     */
    private int sparkBench() throws Exception {
        if (trajectories < 1) throw new org.memsweep.engine.InvalidParameterException("trajectories", trajectories, "an integer ≥ 1");
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Object> raw = new java.util.LinkedHashMap<>(Map.of("name", "bench", "n", 31, "d", 30,
                "low-noise", "mmse", "high-noise", "mmse", "seeds", trajectories));
        org.memsweep.jobs.sweep.SweepSpec sweep = org.memsweep.jobs.sweep.SweepSpec.of(raw);
        Map<String, Object> small = new java.util.LinkedHashMap<>(raw);
        small.put("seeds", Math.max(2000L, trajectories / 10));
        org.memsweep.jobs.sweep.SweepSpec warm = org.memsweep.jobs.sweep.SweepSpec.of(small);
        List<Cell> cells = sweep.buildCells();
        out.printf(Locale.ROOT, "memsweep bench --spark: %d trajectories (orthogonal d=30 N=31, probability flow, MMSE at every level), "
                + "blocks of %d, on %d cores; warm-up %d trajectories per master%n", trajectories, org.memsweep.jobs.sweep.SweepJob.DEFAULT_BLOCK_SIZE,
                Runtime.getRuntime().availableProcessors(), warm.seeds());
        out.printf(Locale.ROOT, "%-10s %8s %10s %11s %14s %14s%n", "master", "wall s", "compute s", "efficiency", "task cpu s", "other cpu s");
        out.flush();
        double[] wall = new double[3];
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int cores = 1; cores <= 2; cores++) {
            Path dir = Files.createTempDirectory("memsweep-bench");
            org.apache.spark.sql.SparkSession session = Spark.session("memsweep bench", "local[" + cores + "]", false);
            try {
                new org.memsweep.jobs.sweep.SweepJob(session).run(warm, warm.buildCells(),
                        new org.memsweep.jobs.sweep.SweepJob.Options(dir.resolve("warm-up").toString(), null, org.memsweep.jobs.sweep.SweepJob.DEFAULT_BLOCK_SIZE, true, "{}", null));
                TaskCpu tasks = new TaskCpu();
                session.sparkContext().addSparkListener(tasks);
                long process0 = os.getProcessCpuTime();
                org.memsweep.jobs.sweep.SweepJob.Result r = new org.memsweep.jobs.sweep.SweepJob(session).run(sweep, cells,
                        new org.memsweep.jobs.sweep.SweepJob.Options(dir.resolve("timed").toString(), null, org.memsweep.jobs.sweep.SweepJob.DEFAULT_BLOCK_SIZE, true, "{}", null));
                double processCpu = (os.getProcessCpuTime() - process0) / 1e9;
                session.sparkContext().listenerBus().waitUntilEmpty(); // Spark-internal: the last task-end events are delivered
                session.sparkContext().removeSparkListener(tasks);
                double taskCpu = tasks.nanos.get() / 1e9, otherCpu = processCpu - taskCpu;
                double compute = session.read().parquet(dir.resolve("timed") + "/cells").agg(org.apache.spark.sql.functions.sum("compute_seconds"))
                        .first().getDouble(0);
                wall[cores] = r.seconds();
                out.printf(Locale.ROOT, "local[%d]   %8.1f %10.1f %11.3f %14.1f %14.1f%n", cores, r.seconds(), compute,
                        compute / (r.seconds() * cores), taskCpu, otherCpu);
                out.flush();
            } finally {
                session.stop();
                LocalFolders.deleteTree(dir);
            }
        }
        out.printf(Locale.ROOT, "speed-up local[2] over local[1]: %.2fx%n", wall[1] / wall[2]);
        out.flush();
        // The ceiling of that speed-up on this machine: the same cell, no Spark, one and two threads.
        double one = engineRate(cells.get(0), 1), two = engineRate(cells.get(0), 2);
        out.printf(Locale.ROOT, "engine alone, no Spark: %.0f traj/s on 1 thread, %.0f on 2 threads (%.2fx)%n", one, two, two / one);
        return 0;
    }


    /**
     * Trajectories per second of {@code threads} threads each running its own copy of the cell for
     * about {@code seconds} (after a second of warm-up), seeds disjoint.
     */
    private double engineRate(Cell cell, int threads) throws InterruptedException {
        long[] done = new long[threads];
        Thread[] ts = new Thread[threads];
        double[] elapsed = new double[threads];
        for (int k = 0; k < threads; k++) {
            final int t = k;
            ts[k] = new Thread(() -> {
                Cell c = Cell.build(cell.params());
                long seed = (long) t << 40;
                for (long end = System.nanoTime() + 1_000_000_000L; System.nanoTime() < end; seed += CHUNK) c.run(seed, seed + CHUNK);
                long t0 = System.nanoTime(), stop = t0 + (long) (seconds * 1e9), n = 0;
                while (System.nanoTime() < stop) {
                    c.run(seed, seed + CHUNK);
                    seed += CHUNK;
                    n += CHUNK;
                }
                elapsed[t] = (System.nanoTime() - t0) / 1e9;
                done[t] = n;
            }, "memsweep-bench-" + k);
            ts[k].start();
        }
        double rate = 0;
        for (int k = 0; k < threads; k++) {
            ts[k].join();
            rate += done[k] / elapsed[k];
        }
        return rate;
    }

    /** CPU time of the tasks (deserialization and run), from Spark's task metrics. */
    private static final class TaskCpu extends org.apache.spark.scheduler.SparkListener {
        final java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong();

        @Override
        public void onTaskEnd(org.apache.spark.scheduler.SparkListenerTaskEnd end) {
            org.apache.spark.executor.TaskMetrics m = end.taskMetrics();
            if (m != null) nanos.addAndGet(m.executorCpuTime() + m.executorDeserializeCpuTime());
        }
    }
}
