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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.memsweep.engine.cell.Cell;
import org.memsweep.engine.cell.CellParams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code memsweep bench}: the engine's single-thread speed against the NumPy peer
 * (the repository's {@code bench/peer_flow.py}, run in the same command with OPENBLAS_NUM_THREADS=1) on the
 * issue's three probability-flow cases. A benchmark prints figures; it asserts nothing.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Trajectories per second of the engine on one thread vs the NumPy peer, for three probability-flow cases.")
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

    @Option(names = "--trajectories", paramLabel = "<count>", description = "--spark: trajectories per run (default: ${DEFAULT-VALUE})",
            defaultValue = "1000000")
    long trajectories;

    /** One benchmark case: engine parameters and the peer's flags for the same problem. */
    record Case(String name, Map<String, Object> params, List<String> peerArgs) {}

    static List<Case> cases() {
        double a30 = 0.95 / (2 * Math.sqrt(30)), a256 = 0.95 / (2 * Math.sqrt(256));
        return List.of(
                new Case("(a) closed form, d=30, N=31", Map.of("n", 31, "d", 30, "sigma-max", a30, "sigma-switch", a30, "high-noise", "none"),
                        List.of("--d", "30", "--n", "31", "--denoiser", "closed")),
                new Case("(b) empirical MMSE from σ_max=80, d=30, N=31",
                        Map.of("n", 31, "d", 30, "sigma-max", 80.0, "low-noise", "mmse", "high-noise", "mmse"),
                        List.of("--d", "30", "--n", "31", "--denoiser", "mmse")),
                new Case("(c) closed form, d=256, N=65", Map.of("n", 65, "d", 256, "sigma-max", a256, "sigma-switch", a256, "high-noise", "none"),
                        List.of("--d", "256", "--n", "65", "--denoiser", "closed")));
    }

    @Override
    public Integer call() throws Exception {
        // A non-positive budget timed nothing and printed 0 traj/s; NaN and ∞ never end or time nothing.
        org.memsweep.engine.InvalidParameterException.requirePositive("seconds", seconds);
        if (spark) return sparkBench();
        PrintWriter out = spec.commandLine().getOut();
        Path script = peer != null ? peer : defaultPeer(System.getenv());
        boolean havePeer = !noPeer && Files.isRegularFile(script);
        out.printf(Locale.ROOT, "memsweep bench: probability flow, K=150 Karras levels, Euler, classification included; one thread (%s %s)%n",
                System.getProperty("java.vm.name"), System.getProperty("java.version"));
        if (!noPeer && !havePeer) out.println("NumPy peer not found at " + script + " (use --peer PATH): engine figures only");
        out.printf(Locale.ROOT, "%-46s %14s %14s %8s %12s%n", "case", "engine traj/s", "numpy traj/s", "ratio", "alloc B/traj");
        out.flush();
        for (Case c : cases()) {
            double[] engine = measureEngine(CellParams.fromMap(c.params()));
            String peerRate = "-", ratio = "-";
            if (havePeer) {
                try {
                    double p = runPeer(script, c.peerArgs());
                    peerRate = String.format(Locale.ROOT, "%.0f", p);
                    ratio = String.format(Locale.ROOT, "%.2fx", engine[0] / p);
                } catch (Exception e) {
                    out.println("NumPy peer did not run (" + e.getMessage().lines().findFirst().orElse("") + "): engine figures only");
                    havePeer = false;
                }
            }
            out.printf(Locale.ROOT, "%-46s %14.0f %14s %8s %12.0f%n", c.name(), engine[0], peerRate, ratio, engine[1]);
            out.flush();
        }
        return 0;
    }

    /** The repository's peer, bench/peer_flow.py under MEMSWEEP_HOME (the launcher sets it) or else the working directory. */
    static Path defaultPeer(Map<String, String> env) {
        return Path.of(env.getOrDefault("MEMSWEEP_HOME", "."), "bench", "peer_flow.py");
    }

    /** [trajectories per second (best of 3 timed rounds), bytes allocated per trajectory]. */
    double[] measureEngine(CellParams params) {
        Cell cell = Cell.build(params);
        long seed = 0;
        long warm = System.nanoTime();
        while (System.nanoTime() - warm < 1_000_000_000L) {
            cell.run(seed, seed + CHUNK); // the engine's batched path, as a sweep's task runs it
            seed += CHUNK;
        }
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        double best = 0, alloc = Double.NaN;
        for (int round = 0; round < 3; round++) {
            long count = 0, a0 = mx.getCurrentThreadAllocatedBytes(), t0 = System.nanoTime(), budget = (long) (seconds / 3 * 1e9);
            while (System.nanoTime() - t0 < budget) {
                cell.run(seed, seed + CHUNK);
                seed += CHUNK;
                count += CHUNK;
            }
            double rate = count / ((System.nanoTime() - t0) / 1e9);
            alloc = (mx.getCurrentThreadAllocatedBytes() - a0) / (double) count;
            best = Math.max(best, rate);
        }
        return new double[] {best, alloc};
    }

    /** Trajectories per engine call in the bench: a few of the engine's batches. */
    private static final int CHUNK = 256;

    private static final Pattern RATE = Pattern.compile("([0-9.]+) trajectories/s");

    double runPeer(Path script, List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(python, script.toString()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("OPENBLAS_NUM_THREADS", "1");
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.environment().put("MKL_NUM_THREADS", "1");
        Process proc = pb.start();
        StringBuilder text = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) text.append(line).append('\n');
        }
        if (!proc.waitFor(10, TimeUnit.MINUTES) || proc.exitValue() != 0) {
            // The peer's last line says why (e.g. numpy missing): the one line bench prints.
            String why = text.toString().strip().lines().reduce((a, b) -> b).orElse("no output");
            throw new IllegalStateException(script + " failed: " + why);
        }
        Matcher m = RATE.matcher(text);
        if (!m.find()) throw new IllegalStateException("no 'trajectories/s' in the peer's output:\n" + text);
        return Double.parseDouble(m.group(1));
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
                deleteTree(dir);
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

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
