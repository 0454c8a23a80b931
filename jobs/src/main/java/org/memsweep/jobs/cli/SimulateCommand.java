package org.memsweep.jobs.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.memsweep.analysis.Wilson;
import org.memsweep.engine.InvalidParameterException;
import org.memsweep.engine.cell.CategoryCounts;
import org.memsweep.engine.cell.Cell;
import org.memsweep.engine.cell.CellParams;
import org.memsweep.engine.cell.Param;
import org.memsweep.engine.classify.Category;
import org.memsweep.engine.exact.CategoryProbabilities;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code memsweep simulate}: one cell, single-threaded, no Spark; counts beside the exact prediction. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Runs one cell of the grid on one thread, without Spark, and prints per endpoint category "
                + "the count, the fraction with its 95 %% Wilson interval, and the exact prediction where one exists.",
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
        for (long i = firstSeed; i < firstSeed + seeds; i++) counts.add(cell.run(i, null));
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
        CategoryProbabilities exact = cell.exactPrediction().orElse(null);
        Map<String, Object> cats = new LinkedHashMap<>();
        for (Category c : Category.values()) {
            cats.put(c.name(), row(counts.count(c), counts.total(), exact == null ? null : exact.of(c)));
        }
        cats.put("MEMORIZED", row(counts.memorized(), counts.total(), exact == null ? null : exact.memorized()));
        m.put("categories", cats);
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
        String flow = p.flow().equals("probability")
                ? String.format(Locale.ROOT, "probability flow (%s, K=%d, σ %s → %s, %s)", p.solver(), p.steps(), g(p.sigmaMax()),
                g(p.sigmaMin()), p.sigmaMax() <= p.sigmaSwitch() ? p.lowNoise() + " denoiser at every level"
                        : p.highNoise() + " above σ_switch=" + g(p.sigmaSwitch()) + ", " + p.lowNoise() + " below")
                : String.format(Locale.ROOT, "score flow (σ=%s, η=%s, tol=%s, low-noise %s)", g(p.sigma()), g(p.eta()), g(p.tol()), p.lowNoise());
        out.printf(Locale.ROOT, "cell %s: %s N=%d d=%d α=%s, %s%n", cell.id(), p.dataset(), p.n(), p.d(),
                Param.ALPHA.appliesTo(p) ? g(p.alpha()) : "-", flow);
        out.printf(Locale.ROOT, "start N(%s, %s²·I), τ=%s in the %s frame, %d trajectories, master seed %d%n",
                p.startMean(), g(p.startScale()), g(p.tau()), p.frame(), counts.total(), p.seed());
        CategoryProbabilities exact = cell.exactPrediction().orElse(null);
        out.printf(Locale.ROOT, "%-10s %9s %9s  %-19s %9s%n", "category", "count", "fraction", "95% Wilson", "exact");
        for (Category c : Category.values()) {
            line(out, c.name(), counts.count(c), counts.total(), exact == null ? null : exact.of(c));
        }
        line(out, "memorized", counts.memorized(), counts.total(), exact == null ? null : exact.memorized());
        out.printf(Locale.ROOT, "%s%d trajectories in %.2f s on one thread (%.0f trajectories/s)%n",
                exact == null ? "no exact prediction for this cell (science.md §5 covers orthogonal data with the closed form, classified in the data frame)\n" : "",
                counts.total(), seconds, counts.total() / seconds);
    }

    private static void line(PrintWriter out, String name, long k, long n, Double exact) {
        Wilson w = Wilson.of(k, n);
        out.printf(Locale.ROOT, "%-10s %9d %9.4f  [%.4f, %.4f] %9s%n", name, k, w.estimate(), w.lo(), w.hi(),
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
