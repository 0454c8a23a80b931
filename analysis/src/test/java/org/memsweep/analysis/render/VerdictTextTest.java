package org.memsweep.analysis.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.memsweep.analysis.stat.TrendTest;
import org.memsweep.analysis.table.Columns.Outcome;
import org.memsweep.analysis.verdict.Verdict;

/** The verdict's words, from verdicts built by hand (the verdict's computation is VerdictTest's). */
class VerdictTextTest {

    private static Verdict.Series series(String description, long... memorizedOf40) {
        List<TrendTest.Group> groups = List.of(new TrendTest.Group(4, memorizedOf40[0], 40),
                new TrendTest.Group(16, memorizedOf40[1], 40));
        TrendTest t = TrendTest.of(groups, TrendTest.Scores.LOG);
        return new Verdict.Series(Map.of("d", 16), description, List.of(4L, 16L), 80, t,
                t.pFalling() < Verdict.ALPHA ? Verdict.Call.SUPPORTED : Verdict.Call.INCONCLUSIVE);
    }

    @Test
    void nothingTestedSaysSoAndStillExplainsTheCalls() {
        String text = VerdictText.render(new Verdict(List.of(), List.of(), 2, 0));
        assertTrue(text.startsWith("No series with two or more distinct N: nothing to test.\n"), text);
        assertTrue(text.contains("p < 0.01"), text);
        assertTrue(text.contains("2 series have a single N and were not tested."), text);
        assertFalse(text.contains("BUG SIGNALS"), text);
    }

    @Test
    void oneRowPerSeriesInTheHeadersOrder() {
        Verdict v = new Verdict(List.of(series("d=16", 30, 5)), List.of(), 0, 0);
        List<List<String>> rows = VerdictText.tableRows(v);
        assertEquals(1, rows.size());
        assertEquals(VerdictText.tableHeader().size(), rows.get(0).size());
        assertEquals(VerdictText.tableHeader().size(), VerdictText.numericColumns().length);
        assertEquals(List.of("d=16", "4-16", "80", "0.750", "0.125"), rows.get(0).subList(0, 5));
        assertEquals("supported", rows.get(0).get(8));
        assertTrue(rows.get(0).get(6).contains("e-"), "a tiny p-value in scientific notation: " + rows.get(0));
    }

    @Test
    void bugSignalsAndUncomparedCellsAreNamed() {
        Verdict.BugSignal b = new Verdict.BugSignal("run", "cell-1", "d=16, n=4", Outcome.APEX, 40, 0.025, 0.0,
                Double.POSITIVE_INFINITY);
        Verdict v = new Verdict(List.of(), List.of(b), 0, 3);
        assertEquals(List.of("cell cell-1 (d=16, n=4): frac_apex = 0.025 vs exact 0 over 40 seeds (inf SE)"),
                VerdictText.bugSignalLines(v));
        assertEquals("3 cells not compared with the exact prediction: some trajectories did not converge"
                + " (the prediction assumes convergence; see n_unconverged).", VerdictText.uncomparedNote(v));
        assertEquals("", VerdictText.uncomparedNote(new Verdict(List.of(), List.of(), 0, 0)));
        String text = VerdictText.render(v);
        assertTrue(text.contains("BUG SIGNALS (estimate more than 4 SE from the exact prediction):\n  cell cell-1"), text);
        assertTrue(text.contains("3 cells not compared"), text);
    }
}
