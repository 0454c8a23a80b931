package org.memsweep.analysis.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.memsweep.analysis.table.Columns;
import org.memsweep.analysis.table.Columns.Outcome;
import org.memsweep.analysis.table.TableFixture;

/** The report's numbers read from the standard fixture (7 cells of 40 trajectories in 3 series). */
class ReportDataTest {
    static ReportData read;
    static ReportData.Sweep data;

    @BeforeAll
    static void read() throws Exception {
        read = ReportData.read(TableFixture.spark(), TableFixture.standardRoot().toString());
        data = read.sweep().orElseThrow();
    }

    @Test
    void countsAndVerdictOfTheCells() {
        assertEquals(7, data.cellCount());
        assertEquals(3, data.seriesCount());
        assertEquals(7 * 40, data.trajectoryCount());
        assertTrue(data.anyExactColumn());
        assertEquals(1, data.verdict().bugSignals().size());
    }

    @Test
    void nonConvergedCellsWithTheirFraction() {
        assertTrue(data.convergence().known());
        assertEquals(3, data.convergence().total());
        ReportData.Unconverged last = data.convergence().cells().get(1);
        assertEquals(List.of("d=16", 16L, 40L, 2L), List.of(last.series(), last.n(), last.seeds(), last.count()));
        assertEquals(0.05, last.fraction(), 0);
    }

    @Test
    void categoryBarsAreFractionsOfEachN() {
        assertEquals(3, data.categories().size());
        ReportData.CategoryBars d16 = data.categories().get(0);
        assertEquals("d=16", d16.description());
        assertEquals(List.of("4", "8", "16"), d16.nLabels());
        // cell(4, 16, apex 10, training 20, …) of 40
        assertEquals(List.of(0.25, 0.125, 0.05), d16.fractions().get(Outcome.APEX));
        assertEquals(List.of(0.5, 0.375, 0.15), d16.fractions().get(Outcome.TRAINING));
        assertEquals(3, data.memorized().size(), "one memorized line per series");
    }

    @Test
    void endpointDistributionsAtTheChosenN() {
        ReportData.Endpoints e = data.endpoints().orElseThrow();
        assertEquals(List.of(4L, 8L, 16L), e.ns());
        assertEquals(ReportData.NN_MEMORIZED_THRESHOLD, e.nnRatio().mark().orElseThrow(), 0);
        assertEquals(ReportData.BINS, e.nnRatio().centers().size());
        assertEquals(Columns.NN_RATIO, e.nnRatio().column());
        for (List<Double> fractions : e.nnRatio().byN().values()) {
            assertEquals(1.0, fractions.stream().mapToDouble(Double::doubleValue).sum(), 1e-12);
        }
        for (List<Double> fractions : e.orders().values()) {
            assertEquals(1.0, fractions.stream().mapToDouble(Double::doubleValue).sum(), 1e-12);
        }
        assertTrue(!e.orderKs().isEmpty());
    }

    @Test
    void runsWithTheirSpec() {
        ReportData.Runs runs = read.runs().orElseThrow();
        assertEquals(Columns.RUN_ID, runs.columns().get(0));
        assertEquals(1, runs.rows().size());
        assertEquals(TableFixture.RUN_ID, runs.rows().get(0).get(0));
        assertEquals(List.of(TableFixture.RUN_ID), runs.specs().stream().map(ReportData.RunSpec::runId).toList());
    }

    @Test
    void smallestMedianLargest() {
        assertEquals(List.of(4L, 8L, 16L), ReportData.smallestMedianLargest(List.of(16L, 4L, 8L, 8L)));
        assertEquals(List.of(1L, 2L, 4L), ReportData.smallestMedianLargest(List.of(1L, 2L, 3L, 4L)));
        assertEquals(List.of(7L), ReportData.smallestMedianLargest(List.of(7L)));
        assertEquals(List.of(), ReportData.smallestMedianLargest(List.of()));
    }
}
