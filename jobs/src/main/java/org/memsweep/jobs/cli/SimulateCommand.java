package org.memsweep.jobs.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.memsweep.analysis.render.Json;
import org.memsweep.analysis.stat.Wilson;
import org.memsweep.engine.InvalidParameterException;
import org.memsweep.engine.cell.CategoryCounts;
import org.memsweep.engine.cell.Cell;
import org.memsweep.engine.cell.CellParams;
import org.memsweep.engine.cell.FlowKind;
import org.memsweep.engine.cell.Param;
import org.memsweep.engine.classify.Category;
import org.memsweep.engine.exact.CategoryProbabilities;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code memsweep simulate}: one cell, single-threaded, no Spark; counts beside the exact prediction
 * (science.md §5) where it applies, i.e. where it exists and every flow converged.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Runs one cell of the grid on one thread, without Spark, and prints per endpoint category "
                + "the count, the fraction with its 95 %% Wilson interval, and the exact prediction where one exists; "
                + "then the flows that did not converge, and the exact column only when every flow converged (the prediction assumes it).",
                "Every cell parameter is a flag named after its spec key."})
public final class SimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--seeds", paramLabel = "<count>", description = "trajectories to run (default: ${DEFAULT-VALUE})", defaultValue = "10000")
    long seeds;

    @Option(names = "--first-seed", paramLabel = "<index>", description = "first seed index (default: ${DEFAULT-VALUE})", defaultValue = "0")
    long firstSeed;

    @Option(names = "--json", description = "print one JSON object instead of the table")
    boolean json;

    @Override
    public Integer call() {
        if (seeds <= 0) throw new InvalidParameterException("seeds", seeds, "an integer ≥ 1");
        if (firstSeed < 0) throw new InvalidParameterException("first-seed", firstSeed, "an integer ≥ 0");
        CellParams params = CellParams.fromMap(ParamOptions.given(spec));
        Cell cell = Cell.build(params);
        CategoryCounts counts = new CategoryCounts();
        long t0 = System.nanoTime();
        long end = firstSeed + seeds;
        for (long i = firstSeed; i < end; i += 4096) {
            for (var t : cell.run(i, Math.min(end, i + 4096))) counts.add(t); // the engine's batched path
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        PrintWriter out = spec.commandLine().getOut();
        if (json) out.println(Json.write(toJson(cell, counts, seconds)));
        else print(out, cell, counts, seconds);
        out.flush();
        return 0;
    }

    private static Map<String, Object> toJson(Cell cell, CategoryCounts counts, double seconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cell_id", cell.id());
        Map<String, Object> params = new LinkedHashMap<>();
        // null: the parameter does not apply to this cell (Param#appliesTo)
        for (Param p : Param.values()) params.put(p.key(), p.recorded(cell.params()));
        m.put("params", params);
        m.put("seeds", counts.total());
        String notApplicable = exactNotApplicable(cell, counts);
        CategoryProbabilities exact = notApplicable == null ? cell.exactPrediction().orElseThrow() : null;
        Map<String, Object> cats = new LinkedHashMap<>();
        for (Category c : Category.values()) {
            cats.put(c.name(), row(counts.count(c), counts.total(), exact == null ? null : exact.of(c)));
        }
        cats.put("MEMORIZED", row(counts.memorized(), counts.total(), exact == null ? null : exact.memorized()));
        m.put("categories", cats);
        m.put("unconverged", row(counts.unconverged(), counts.total(), null));
        m.put("exact_applies", notApplicable == null);
        if (notApplicable != null) m.put("exact_note", notApplicable);
        m.put("seconds", seconds);
        m.put("trajectories_per_second", counts.total() / seconds);
        return m;
    }

    private static Map<String, Object> row(long k, long n, Double exact) {
        Wilson w = Wilson.of(k, n);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("count", k);
        r.put("fraction", w.estimate());
        r.put("lo95", w.lo());
        r.put("hi95", w.hi());
        r.put("exact", exact);
        return r;
    }

    private static void print(PrintWriter out, Cell cell, CategoryCounts counts, double seconds) {
        CellParams p = cell.params();
        String flow = p.flow() == FlowKind.PROBABILITY
                ? String.format(Locale.ROOT, "probability flow (%s, K=%d, σ %s → %s, %s)", p.solver().key(), p.steps(), g(p.sigmaMax()),
                g(p.sigmaMin()), p.sigmaMax() <= p.sigmaSwitch() ? p.lowNoise().key() + " denoiser at every level"
                        : p.highNoise().key() + " above σ_switch=" + g(p.sigmaSwitch()) + ", " + p.lowNoise().key() + " below")
                : String.format(Locale.ROOT, "score flow (σ=%s, η=%s, tol=%s, low-noise %s)", g(p.sigma()), g(p.eta()), g(p.tol()), p.lowNoise().key());
        out.printf(Locale.ROOT, "cell %s: %s N=%d d=%d α=%s, %s%n", cell.id(), p.dataset().key(), p.n(), p.d(),
                Param.ALPHA.appliesTo(p) ? g(p.alpha()) : "-", flow);
        out.printf(Locale.ROOT, "start N(%s, %s²·I), τ=%s in the %s frame, %d trajectories, master seed %d%n",
                p.startMean().key(), g(p.startScale()), g(p.tau()), p.frame().key(), counts.total(), p.seed());
        String notApplicable = exactNotApplicable(cell, counts);
        CategoryProbabilities exact = notApplicable == null ? cell.exactPrediction().orElseThrow() : null;
        out.printf(Locale.ROOT, "%-13s %9s %9s  %-19s %9s%n", "category", "count", "fraction", "95% Wilson", "exact");
        for (Category c : Category.values()) {
            line(out, c.name(), counts.count(c), counts.total(), exact == null ? null : exact.of(c));
        }
        line(out, "memorized", counts.memorized(), counts.total(), exact == null ? null : exact.memorized());
        line(out, "not converged", counts.unconverged(), counts.total(), null);
        out.printf(Locale.ROOT, "%s%d trajectories in %.2f s on one thread (%.0f trajectories/s)%n",
                notApplicable == null ? "" : notApplicable + "\n", counts.total(), seconds, counts.total() / seconds);
    }

    /**
     * Why this run's estimates are not to be compared with the exact prediction, or null when they
     * are: docs/science.md §5 covers orthogonal data with the closed form (classified in the data frame), and flows run to
     * convergence (a score flow stopped by its step budget ends off the vertices it predicts).
     */
    static String exactNotApplicable(Cell cell, CategoryCounts counts) {
        if (cell.exactPrediction().isEmpty()) {
            return "no exact prediction for this cell (docs/science.md §5 covers orthogonal data with the closed form, classified in the data frame)";
        }
        if (counts.unconverged() == 0) return null;
        CellParams p = cell.params();
        String why = p.flow() == FlowKind.SCORE
                ? String.format(Locale.ROOT, "still moving (‖h(y) − y‖∞ ≥ tol = %s) after max-steps = %d", g(p.tol()), p.maxSteps())
                : "not finite (DIVERGED)";
        return String.format(Locale.ROOT, "exact: not applicable to this run: it assumes every flow converges, and %d of %d (%.1f %%) "
                + "did not: %s", counts.unconverged(), counts.total(), 100.0 * counts.unconverged() / counts.total(), why);
    }

    private static void line(PrintWriter out, String name, long k, long n, Double exact) {
        Wilson w = Wilson.of(k, n);
        out.printf(Locale.ROOT, "%-13s %9d %9.4f  [%.4f, %.4f] %9s%n", name, k, w.estimate(), w.lo(), w.hi(),
                exact == null ? "-" : String.format(Locale.ROOT, "%.4f", exact));
    }

    /**
     * A number in 4 significant digits without trailing zeros: 80, 0.002, 0.04564, 1.5e-05 → 1.5e-5,
     * 1e+10 → 1e10. Trailing zeros are stripped from the mantissa only, never from the exponent.
     */
    static String g(double v) {
        if (!Double.isFinite(v)) return String.valueOf(v);
        String s = String.format(Locale.ROOT, "%.4g", v);
        int e = s.indexOf('e');
        String mantissa = e < 0 ? s : s.substring(0, e);
        if (mantissa.indexOf('.') >= 0) mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        return e < 0 ? mantissa : mantissa + "e" + Integer.parseInt(s.substring(e + 1));
    }
}
