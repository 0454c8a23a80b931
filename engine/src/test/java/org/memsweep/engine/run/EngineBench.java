package org.memsweep.engine.run;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.memsweep.engine.cell.Cell;
import org.memsweep.engine.cell.CellParams;
import org.memsweep.engine.classify.Endpoint;
import org.memsweep.engine.classify.NearestPointClassifier;
import org.memsweep.engine.data.TrainingSet;
import org.memsweep.engine.denoiser.ReluNetwork;
import org.memsweep.engine.flow.KarrasSchedule;
import org.memsweep.engine.flow.ProbabilityFlow;
import org.memsweep.engine.flow.Solver;
import org.memsweep.engine.rng.Rng;

/**
 * A measuring tool, not a test (run with the test classpath; args: seconds per case, peer script or "-"):
 * the issue-11 cases (a)–(e) on one thread, one trajectory at a time through {@link Cell#run} and in
 * batches through {@link BatchRunner}, against the NumPy peer run in the same command with one BLAS
 * thread. Rates per wall second and per CPU second of this thread (the machine is shared), bytes
 * allocated per trajectory, and for (e) the cost per coordinate-step against (a)'s.
 */
public final class EngineBench {
    private EngineBench() {}

    record Case(String name, Map<String, Object> params, List<String> peerArgs, boolean network) {}

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    static List<Case> cases() {
        double a30 = 0.95 / (2 * Math.sqrt(30)), a256 = 0.95 / (2 * Math.sqrt(256));
        return List.of(
                new Case("(a) closed form d=30 N=31", map("n", 31, "d", 30, "sigma-max", a30, "sigma-switch", a30, "high-noise", "none"),
                        List.of("--d", "30", "--n", "31", "--denoiser", "closed"), false),
                new Case("(b) MMSE from 80, d=30 N=31", map("n", 31, "d", 30, "sigma-max", 80.0, "low-noise", "mmse", "high-noise", "mmse"),
                        List.of("--d", "30", "--n", "31", "--denoiser", "mmse"), false),
                new Case("(c) closed form d=256 N=65", map("n", 65, "d", 256, "sigma-max", a256, "sigma-switch", a256, "high-noise", "none"),
                        List.of("--d", "256", "--n", "65", "--denoiser", "closed"), false),
                new Case("(d) ReLU width 256, d=30", map("n", 31, "d", 30, "sigma-max", 80.0, "low-noise", "mmse", "high-noise", "mmse"),
                        List.of("--d", "30", "--n", "31", "--denoiser", "network", "--width", "256"), true),
                new Case("(e) scale d=4096 N=1025", map("n", 1025, "d", 4096, "alpha", 5.0, "sigma-max", 0.08, "start-mean", "data-mean",
                        "start-scale", 0.3), List.of(), false));
    }

    /** The peer's random network (V = ½I, c = 0, W/√d, b·0.1, A·0.5/width), one for every level. */
    static ReluNetwork network(int d, int width) {
        Rng r = new Rng(7);
        double[][] a = new double[width][d], w = new double[width][d], v = new double[d][d];
        double[] b = new double[width];
        for (int u = 0; u < width; u++) {
            for (int i = 0; i < d; i++) {
                w[u][i] = r.nextGaussian() / Math.sqrt(d);
                a[u][i] = 0.5 * r.nextGaussian() / width;
            }
            b[u] = 0.1 * r.nextGaussian();
        }
        for (int i = 0; i < d; i++) v[i][i] = 0.5;
        return new ReluNetwork(a, w, b, v, new double[d]);
    }

    static BatchRunner runner(Case c, Cell cell) {
        if (!c.network()) return new BatchRunner(runnerFlow(cell), classifier(cell), starts(cell));
        int batch = Integer.getInteger("batch", BatchRunner.batchSize(cell.params().d()));
        CellParams p = cell.params();
        ReluNetwork net = network(p.d(), 256);
        ProbabilityFlow flow = new ProbabilityFlow(new KarrasSchedule(p.sigmaMax(), p.sigmaMin(), p.steps(), p.karrasRho()), Solver.EULER,
                net, net, 1.0, false);
        return new BatchRunner(flow, classifier(cell), starts(cell), batch);
    }

    private static org.memsweep.engine.flow.Flow runnerFlow(Cell cell) {
        return BatchRunnerTest.runnerLike(cell, 1).flow();
    }

    private static org.memsweep.engine.classify.Classifier classifier(Cell cell) {
        TrainingSet t = cell.trainingSet();
        return NearestPointClassifier.forData(t, cell.params().tau());
    }

    private static StartSampler starts(Cell cell) {
        CellParams p = cell.params();
        double[] mean = p.startMean().equals("data-mean") ? cell.trainingSet().mean() : new double[p.d()];
        return new GaussianStarts(mean, p.startScale(), cell::seedOf);
    }

    /** [wall rate, cpu rate, bytes per trajectory] of the batched runner. */
    static double[] measureBatched(BatchRunner r, double seconds) {
        int chunk = r.batch() * 2;
        Endpoint[] ep = new Endpoint[chunk];
        int[] steps = new int[chunk];
        boolean[] conv = new boolean[chunk];
        long[] nanos = new long[chunk];
        long seed = 0;
        long warm = System.nanoTime();
        while (System.nanoTime() - warm < 1_500_000_000L) {
            r.run(seed, chunk, 0, ep, steps, conv, nanos, null);
            seed += chunk;
        }
        return timed(seconds, n -> {
            long s0 = n[0];
            r.run(s0, chunk, 0, ep, steps, conv, nanos, null);
            n[0] = s0 + chunk;
            return chunk;
        }, seed);
    }

    static double[] measureSingle(Cell cell, double seconds) {
        long warm = System.nanoTime(), seed = 0;
        while (System.nanoTime() - warm < 1_500_000_000L) cell.run(seed++, null);
        return timed(seconds, n -> {
            for (int i = 0; i < 16; i++) cell.run(n[0]++, null);
            return 16;
        }, seed);
    }

    interface Step {
        int run(long[] next);
    }

    private static double[] timed(double seconds, Step step, long seed) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] next = {seed};
        double bestWall = 0, bestCpu = 0, alloc = 0;
        for (int round = 0; round < 3; round++) {
            long count = 0, a0 = mx.getCurrentThreadAllocatedBytes(), c0 = mx.getCurrentThreadCpuTime(), t0 = System.nanoTime();
            long budget = (long) (seconds / 3 * 1e9);
            while (System.nanoTime() - t0 < budget) count += step.run(next);
            bestWall = Math.max(bestWall, count / ((System.nanoTime() - t0) / 1e9));
            bestCpu = Math.max(bestCpu, count / ((mx.getCurrentThreadCpuTime() - c0) / 1e9));
            alloc = (mx.getCurrentThreadAllocatedBytes() - a0) / (double) count;
        }
        return new double[] {bestWall, bestCpu, alloc};
    }

    private static final Pattern RATE = Pattern.compile("([0-9.]+) trajectories/s");

    /** [peer rate (best wall), the same per CPU second (rate × the process's wall/CPU ratio)], or null. */
    static double[] peer(String script, List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/time", "-f", "TIME %e %U %S", "python3", script));
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
        proc.waitFor();
        Matcher m = RATE.matcher(text);
        Matcher t = Pattern.compile("TIME ([0-9.]+) ([0-9.]+) ([0-9.]+)").matcher(text);
        if (!m.find() || !t.find()) {
            System.out.println("peer did not run: " + text.toString().strip());
            return null;
        }
        double rate = Double.parseDouble(m.group(1));
        double wall = Double.parseDouble(t.group(1)), cpu = Double.parseDouble(t.group(2)) + Double.parseDouble(t.group(3));
        return new double[] {rate, rate * wall / cpu};
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 6;
        String script = args.length > 1 ? args[1] : "bench/peer_flow.py";
        System.out.printf(Locale.ROOT, "engine bench: probability flow, K=150, Euler, classification included; one thread; %s %s%n",
                System.getProperty("java.vm.name"), System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "%-28s %6s %11s %11s %11s %11s %10s %10s %9s %9s %8s%n", "case", "batch", "single/s", "batch/s",
                "batch/cpu-s", "numpy/s", "numpy/cpu-s", "ratio", "ratio-cpu", "B/traj", "cost/ca");
        double costA = Double.NaN;
        String only = args.length > 2 ? args[2] : "abcde";
        for (Case c : cases()) {
            if (only.indexOf(c.name().charAt(1)) < 0) continue;
            Cell cell = Cell.build(CellParams.fromMap(c.params()));
            BatchRunner r = runner(c, cell);
            double[] single = c.network() ? new double[] {Double.NaN} : measureSingle(cell, seconds);
            double[] batched = measureBatched(r, seconds);
            double[] p = script.equals("-") || c.peerArgs().isEmpty() ? null : peer(script, c.peerArgs());
            CellParams q = cell.params();
            double cost = 1.0 / batched[1] / ((q.n() - 1.0) * q.steps()); // CPU seconds per coordinate-step
            if (Double.isNaN(costA)) costA = cost;
            System.out.printf(Locale.ROOT, "%-28s %6d %11.0f %11.0f %11.0f %11s %10s %10s %9s %9.1f %8s%n", c.name(), r.batch(), single[0], batched[0],
                    batched[1], p == null ? "-" : String.format(Locale.ROOT, "%.0f", p[0]), p == null ? "-" : String.format(Locale.ROOT, "%.0f", p[1]),
                    p == null ? "-" : String.format(Locale.ROOT, "%.2fx", batched[0] / p[0]),
                    p == null ? "-" : String.format(Locale.ROOT, "%.2fx", batched[1] / p[1]), batched[2],
                    c.network() ? "-" : String.format(Locale.ROOT, "%.2f", cost / costA));
        }
    }
}
