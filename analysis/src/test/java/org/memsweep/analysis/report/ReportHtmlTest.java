package org.memsweep.analysis.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.memsweep.analysis.table.Columns.Outcome;
import org.memsweep.analysis.verdict.Verdict;

/** The page rendered from data built by hand: no Spark, no tables. */
class ReportHtmlTest {

    private static ReportData data(int series, boolean converged) {
        List<ReportCharts.MemorizedLine> lines = new ArrayList<>();
        List<ReportData.CategoryBars> bars = new ArrayList<>();
        for (int i = 0; i < series; i++) {
            lines.add(new ReportCharts.MemorizedLine("d=" + i, List.of(4.0, 8.0), List.of(0.5, 0.25),
                    List.of(0.4, 0.2), List.of(0.6, 0.3), List.of(), List.of()));
            if (i < ReportData.MAX_STACKED_CHARTS) {
                bars.add(new ReportData.CategoryBars("d=" + i, List.of("4", "8"),
                        Map.of(Outcome.APEX, List.of(0.5, 0.25), Outcome.TRAINING, List.of(0.5, 0.75))));
            }
        }
        ReportData.Convergence convergence = converged ? new ReportData.Convergence(true, List.of())
                : new ReportData.Convergence(true, List.of(new ReportData.Unconverged("d=<0>", 8, 40, 4)));
        return new ReportData("/tmp/out & co", Optional.of(new ReportData.Sweep(2 * series, series, 80L * series,
                new Verdict(List.of(), List.of(), series, 0), false, convergence, lines, bars, Optional.empty())),
                Optional.empty(), ExperimentData.none());
    }

    @Test
    void manySeriesSplitTheMemorizedChartAndListTheOmittedStacks() {
        String page = ReportHtml.page(data(ReportHtml.SERIES_PER_CHART + 1 + ReportData.MAX_STACKED_CHARTS, true));
        assertTrue(page.contains("alt=\"Memorized fraction vs N (1 of 4)\""), "19 series: 4 memorized charts");
        assertTrue(page.contains("Showing the first 12 of 19 series"));
        assertEquals(4 + 12, ReportWriterTest.images(page).size());
        assertTrue(page.contains("<p class=\"ok\">Every trajectory converged.</p>"));
        assertTrue(page.contains("No bug signals: this table has no exact predictions to compare with."));
        assertTrue(page.contains("<p>No series has two or more distinct N: nothing to test.</p>"));
    }

    @Test
    void missingTablesAndEscapedTextFromData() {
        String page = ReportHtml.page(data(1, false));
        assertTrue(page.contains("Output root <code>/tmp/out &amp; co</code> &middot; 2 cells in 1 series &middot; 80 trajectories"));
        assertTrue(page.contains("<tr class=\"unconverged-row\"><td>d=&lt;0&gt;</td><td>8</td><td>40</td><td>4</td><td>0.1</td></tr>"), page);
        assertTrue(page.contains("<p>4 trajectories in 1 cell did not converge:</p>"));
        assertTrue(page.contains("No trajectories table under this output root."));
        assertTrue(page.contains("No runs table under this output root."));
        assertTrue(page.contains(".bug-signals { border: 2px solid #b00020"), "the CSS is inlined");
        assertTrue(page.substring(0, 300).contains(ReportWriter.GENERATOR));
    }

    /** Without a sweep: one sentence with the command that adds one (root escaped), and no sweep section nor runs table. */
    @Test
    void withoutASweepOneSentenceSaysHowToAddOne() {
        ExperimentData bank = new ExperimentData(List.of(), List.of(), List.of(new ExperimentData.BankRow("orthogonal n=3 d=4",
                "method=alm;tolerance=0.001", List.of(0.5), 0.5, 2.0, 1e-4, 100, 1.5, true)));
        String page = ReportHtml.page(new ReportData("/tmp/out & co", Optional.empty(), Optional.empty(), bank));
        assertTrue(page.contains("Output root <code>/tmp/out &amp; co</code> &middot; written "), page);
        assertTrue(page.contains("<code>memsweep sweep --out /tmp/out &amp; co</code>"), page);
        assertEquals(1, ReportWriterTest.count(page, "No sweep in this output root"));
        assertFalse(page.contains("<h2>Verdict"));
        assertFalse(page.contains("<h2>Runs</h2>"), "no runs table is normal without a sweep: not mentioned");
        assertTrue(page.contains("<p>1 network, 1 met their tolerance.</p>"));
        // With a sweep the sentence is absent.
        assertEquals(0, ReportWriterTest.count(ReportHtml.page(data(1, true)), "No sweep in this output root"));
    }

    @Test
    void escapesHtml() {
        assertEquals("a&lt;b&gt; &amp; &quot;c&quot; &#39;d&#39;", ReportHtml.esc("a<b> & \"c\" 'd'"));
    }

    @Test
    void chainsInShort() {
        assertEquals("σ 2 \u2192 0.0895 (9 levels)", ReportHtml.chainText(List.of(2.0, 1.45, 1.04, 0.728, 0.502, 0.339, 0.223, 0.144, 0.0895)));
        assertEquals("σ 0.0456 (1 level)", ReportHtml.chainText(List.of(0.0456)));
    }
}
