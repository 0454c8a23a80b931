package org.memsweep.analysis.verdict;

import org.memsweep.analysis.render.VerdictText;
import org.memsweep.analysis.table.TableFixture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import org.memsweep.analysis.table.Columns.Outcome;
import org.memsweep.analysis.table.TableFixture.Cell;
import org.memsweep.analysis.stat.TrendTest.Scores;
import org.memsweep.analysis.verdict.Verdict.Call;

class VerdictTest {

    private static Verdict verdict(List<Cell> cells) {
        List<Row> rows = TableFixture.cellRows(cells);
        return Verdict.compute(TableFixture.cellsSchema(), rows, Scores.LOG);
    }

    /** Memorized counts m (as apex 0 + training m) out of 40 at n = 4, 8, 16 for dimension d. */
    private static List<Cell> series(int d, long... memorized) {
        List<Cell> out = new ArrayList<>();
        int[] ns = {4, 8, 16};
        for (int i = 0; i < memorized.length; i++) {
            out.add(TableFixture.cell(ns[i], d, 0, memorized[i], 40 - memorized[i], 0, 0, 0));
        }
        return out;
    }

    @Test
    void fallingIsSupportedRisingContradictedFlatInconclusive() {
        List<Cell> cells = new ArrayList<>();
        cells.addAll(series(16, 30, 20, 8));
        cells.addAll(series(32, 8, 20, 30));
        cells.addAll(series(64, 10, 10, 10));
        Verdict v = verdict(cells);
        assertEquals(3, v.series().size());
        assertEquals(List.of(Call.SUPPORTED, Call.CONTRADICTED, Call.INCONCLUSIVE),
                v.series().stream().map(Verdict.Series::call).toList());

        // Falling series by hand: log scores ∝ 2, 3, 4 (x̄ = 3); T = 30·(−1) + 8·(+1) = −22;
        // p̄ = 58/120; Σt(x−x̄)² = 80; Z = −22/√(80·(58/120)(62/120)) = −4.92208…
        Verdict.Series falling = v.series().get(0);
        assertEquals(-22 / Math.sqrt(80 * (58.0 / 120) * (62.0 / 120)), falling.trend().z(), 1e-12);
        assertEquals(4.2813546172629003e-7, falling.trend().pFalling(), 1e-19);
        assertEquals(0.75, falling.trend().fracAtSmallest(), 0);
        assertEquals(0.2, falling.trend().fracAtLargest(), 0);
        assertEquals(List.of(4L, 8L, 16L), falling.ns());
        assertEquals(120, falling.trials());
        assertEquals("d=16", falling.description());

        Verdict.Series flat = v.series().get(2);
        assertEquals(0.0, flat.trend().z(), 1e-12);
        assertEquals(0.5, flat.trend().pFalling(), 1e-12);
        assertTrue(v.bugSignals().isEmpty());
        assertEquals(0, v.untestedSeries());
    }

    @Test
    void weakTrendIsInconclusive() {
        // 12, 10, 8 of 40: Z = −4/√(80·0.25·0.75) = −1.03, nowhere near p < 0.01.
        Verdict v = verdict(series(16, 12, 10, 8));
        assertEquals(Call.INCONCLUSIVE, v.series().get(0).call());
        assertEquals(-4 / Math.sqrt(80 * 0.25 * 0.75), v.series().get(0).trend().z(), 1e-12);
    }

    @Test
    void degenerateSeriesAreInconclusive() {
        List<Cell> cells = new ArrayList<>();
        cells.addAll(series(16, 0, 0, 0));
        cells.addAll(series(32, 40, 40, 40));
        Verdict v = verdict(cells);
        assertEquals(List.of(Call.INCONCLUSIVE, Call.INCONCLUSIVE), v.series().stream().map(Verdict.Series::call).toList());
        assertTrue(VerdictText.render(v).contains("inconclusive"));
    }

    @Test
    void singleNSeriesAreCountedButNotTested() {
        List<Cell> cells = new ArrayList<>(series(16, 30, 20, 8));
        cells.add(TableFixture.cell(8, 64, 4, 10, 16, 6, 4, 0));
        Verdict v = verdict(cells);
        assertEquals(1, v.series().size());
        assertEquals(1, v.untestedSeries());
        assertTrue(VerdictText.render(v).contains("1 series has a single N"));
    }

    @Test
    void plantedExactMismatchIsFlagged() {
        Verdict v = verdict(TableFixture.standard());
        assertEquals(1, v.bugSignals().size());
        Verdict.BugSignal b = v.bugSignals().get(0);
        assertEquals(TableFixture.PLANTED_CELL, b.cellId());
        assertEquals(Outcome.TRAINING, b.outcome());
        assertEquals(0.2, b.estimate(), 0);
        assertEquals(0.02, b.exact(), 0);
        // SE = √(0.02·0.98/40) = √0.00049 = 0.0221359; 0.18/SE = 8.13157
        assertEquals(0.18 / Math.sqrt(0.00049), b.standardErrors(), 1e-9);
        assertEquals(8.1315711261472611, b.standardErrors(), 1e-9);
        assertEquals("d=32, n=8", b.description());
        assertEquals(TableFixture.RUN_ID, b.runId());
        assertTrue(VerdictText.render(v).contains("BUG SIGNALS"));
        assertTrue(VerdictText.render(v).contains("cell-n8-d32 (d=32, n=8): frac_training = 0.2 vs exact 0.02 over 40 seeds (8.1 SE)"),
                VerdictText.render(v));
    }

    @Test
    void fourStandardErrorsIsTheLine() {
        // Exact 0.5 with 100 seeds: SE = 0.05, so 0.70 is 4 SE (not flagged) and 0.71 is 4.2 SE (flagged).
        assertEquals(4.0, Verdict.standardErrors(0.70, 0.5, 100), 1e-12);
        Cell atLine = TableFixture.cell(4, 16, 0, 70, 30, 0, 0, 0).withExact(Outcome.TRAINING, 0.5);
        Cell beyond = TableFixture.cell(8, 16, 0, 71, 29, 0, 0, 0).withExact(Outcome.TRAINING, 0.5);
        assertTrue(verdict(List.of(atLine)).bugSignals().isEmpty());
        assertEquals(1, verdict(List.of(beyond)).bugSignals().size());
    }

    @Test
    void exactZeroOrOneTolerateNoDifference() {
        assertEquals(Double.POSITIVE_INFINITY, Verdict.standardErrors(0.025, 0.0, 40));
        assertEquals(0.0, Verdict.standardErrors(0.0, 0.0, 40));
        assertEquals(0.0, Verdict.standardErrors(1.0, 1.0, 40));
        Cell oneOff = TableFixture.cell(4, 16, 1, 0, 39, 0, 0, 0).withExact(Outcome.APEX, 0.0);
        Cell exactOne = TableFixture.cell(8, 16, 0, 0, 40, 0, 0, 0).withExact(Outcome.VIRTUAL, 1.0)
                .withExact(Outcome.MEMORIZED, 0.0);
        Verdict v = verdict(List.of(oneOff, exactOne));
        assertEquals(1, v.bugSignals().size());
        assertEquals(Outcome.APEX, v.bugSignals().get(0).outcome());
        assertTrue(VerdictText.render(v).contains("(inf SE)"));
    }

    @Test
    void textTableIsAligned() {
        List<Cell> cells = new ArrayList<>();
        cells.addAll(series(16, 30, 20, 8));
        cells.addAll(series(1024, 8, 20, 30));
        String[] lines = VerdictText.render(verdict(cells)).split("\n");
        assertEquals(List.of("series", "n", "trajectories", "frac@min", "n", "frac@max", "n", "Z", "p(falling)",
                "p(rising)", "verdict"), List.of(lines[0].trim().split("\\s+")));
        int col = lines[0].indexOf("verdict");
        assertTrue(lines[2].startsWith("d=16 "));
        assertEquals("supported", lines[2].substring(col));
        assertEquals("contradicted", lines[3].substring(col));
        assertTrue(lines[3].startsWith("d=1024"));
        // Numbers are right-aligned: Z ends where the header "Z" ends.
        int zEnd = lines[0].indexOf(" Z ") + 2;
        assertEquals("-4.92", lines[2].substring(zEnd - 5, zEnd));
        assertEquals("0.750", lines[2].substring(lines[0].indexOf("frac@min n") + 5, lines[0].indexOf("frac@min n") + 10));
    }

    /**
     * The exact prediction assumes convergence: a cell far from it (training 20/40 = 0.5 against exact
     * 0.02, 22 SE) is a bug signal when every trajectory converged, and only counted when some did not.
     */
    @Test
    void exactComparedOnlyWhereEveryTrajectoryConverged() {
        Cell far = TableFixture.cell(8, 16, 0, 20, 20, 0, 0, 0).withExact(Outcome.TRAINING, 0.02);

        Verdict converged = verdict(List.of(far));
        assertEquals(1, converged.bugSignals().size());
        assertEquals(Outcome.TRAINING, converged.bugSignals().get(0).outcome());
        assertEquals(0, converged.uncomparedCells());
        assertFalse(VerdictText.render(converged).contains("not compared"));

        Verdict some = verdict(List.of(far.withUnconverged(3)));
        assertTrue(some.bugSignals().isEmpty());
        assertEquals(1, some.uncomparedCells());
        assertTrue(VerdictText.render(some).contains("1 cell not compared with the exact prediction: some trajectories "
                + "did not converge"), VerdictText.render(some));

        // Without an exact prediction there is nothing to leave out.
        Verdict none = verdict(List.of(TableFixture.cell(8, 16, 0, 20, 20, 0, 0, 0).withUnconverged(3)));
        assertEquals(0, none.uncomparedCells());
    }
}
