package org.memsweep.analysis.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.memsweep.analysis.stat.TrendTest;
import org.memsweep.analysis.verdict.Verdict;

/**
 * The words and numbers of a {@link Verdict} (science.md §7: does memorization fall as N grows; §5:
 * do the estimates agree with the exact predictions): the verdict table for a terminal with its
 * notes and bug signals, and the table cells and notes the HTML report shows in the same words.
 * Computes nothing: every number is read from the verdict.
 */
public final class VerdictText {
    private VerdictText() {}

    /** The verdict table for a terminal, followed by notes and any bug signals. */
    public static String render(Verdict v) {
        StringBuilder sb = new StringBuilder();
        if (v.series().isEmpty()) {
            sb.append("No series with two or more distinct N: nothing to test.\n");
        } else {
            sb.append(TableFormatter.alignedText(tableHeader(), tableRows(v), numericColumns()));
        }
        sb.append(String.format(Locale.ROOT,
                "supported = memorized fraction falls with N (one-sided Cochran-Armitage trend test, p < %s);"
                        + " contradicted = it rises.\n", Verdict.ALPHA));
        if (v.untestedSeries() > 0) {
            sb.append(v.untestedSeries()).append(v.untestedSeries() == 1 ? " series has a single N and was"
                    : " series have a single N and were").append(" not tested.\n");
        }
        if (v.uncomparedCells() > 0) {
            sb.append(uncomparedNote(v)).append('\n');
        }
        if (!v.bugSignals().isEmpty()) {
            sb.append(String.format(Locale.ROOT, "BUG SIGNALS (estimate more than %s SE from the exact prediction):\n",
                    fixed(Verdict.BUG_SIGNAL_SE, 0)));
            for (String line : bugSignalLines(v)) {
                sb.append("  ").append(line).append('\n');
            }
        }
        return sb.toString();
    }

    /** Column header of the verdict table (text and HTML share it). */
    public static List<String> tableHeader() {
        return List.of("series", "n", "trajectories", "frac@min n", "frac@max n", "Z", "p(falling)",
                "p(rising)", "verdict");
    }

    /** Which {@link #tableHeader()} columns hold numbers (right-aligned in text). */
    static boolean[] numericColumns() {
        return new boolean[] {false, true, true, true, true, true, true, true, false};
    }

    /** One row of formatted cells per tested series, matching {@link #tableHeader()}. */
    public static List<List<String>> tableRows(Verdict v) {
        List<List<String>> rows = new ArrayList<>();
        for (Verdict.Series s : v.series()) {
            TrendTest t = s.trend();
            rows.add(List.of(s.description(), s.nMin() + "-" + s.nMax(), Long.toString(s.trials()),
                    fixed(t.fracAtSmallest(), 3), fixed(t.fracAtLargest(), 3),
                    t.testable() ? fixed(t.z(), 2) : "-",
                    t.testable() ? pValue(t.pFalling()) : "-",
                    t.testable() ? pValue(t.pRising()) : "-",
                    s.call().label()));
        }
        return rows;
    }

    /** One sentence per bug signal, e.g. for the top of the report or the terminal. */
    static List<String> bugSignalLines(Verdict v) {
        List<String> lines = new ArrayList<>();
        for (Verdict.BugSignal b : v.bugSignals()) {
            lines.add(String.format(Locale.ROOT, "cell %s (%s): %s = %s vs exact %s over %d seeds (%s SE)",
                    b.cellId(), b.description(), b.outcome().fracColumn(),
                    TableFormatter.compactNumber(b.estimate()), TableFormatter.compactNumber(b.exact()),
                    b.seeds(), Double.isInfinite(b.standardErrors()) ? "inf" : fixed(b.standardErrors(), 1)));
        }
        return lines;
    }

    /** The note on cells left out of the exact comparison, or empty when there are none. */
    public static String uncomparedNote(Verdict v) {
        int k = v.uncomparedCells();
        if (k == 0) {
            return "";
        }
        return k + (k == 1 ? " cell" : " cells")
                + " not compared with the exact prediction: some trajectories did not converge"
                + " (the prediction assumes convergence; see n_unconverged).";
    }

    private static String fixed(double x, int decimals) {
        return Double.isNaN(x) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", x);
    }

    private static String pValue(double p) {
        return p >= 0.001 ? String.format(Locale.ROOT, "%.3f", p) : String.format(Locale.ROOT, "%.1e", p);
    }
}
