package org.memsweep.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.memsweep.engine.InvalidParameterException;
import org.memsweep.engine.TestSupport;
import org.memsweep.engine.cell.Cell;
import org.memsweep.engine.cell.CellParams;
import org.memsweep.engine.cell.Trajectory;
import org.memsweep.engine.classify.Endpoint;
import org.memsweep.engine.classify.NearestPointClassifier;
import org.memsweep.engine.data.TrainingSet;
import org.memsweep.engine.denoiser.Denoiser;
import org.memsweep.engine.denoiser.EmpiricalMmseDenoiser;
import org.memsweep.engine.denoiser.RampSumDenoiser;
import org.memsweep.engine.flow.Flow;
import org.memsweep.engine.flow.KarrasSchedule;
import org.memsweep.engine.flow.ProbabilityFlow;
import org.memsweep.engine.flow.ScoreFlow;

class BatchRunnerTest {
    private static final int SEEDS = 600; // more than the largest batch: the last batch is partial

    /** A runner with the same flow, classifier and starts as the cell builds (for cells without a rotation). */
    static BatchRunner runnerLike(Cell cell, int batch) {
        CellParams p = cell.params();
        TrainingSet t = cell.trainingSet();
        Denoiser low = p.lowNoise() == org.memsweep.engine.cell.LowNoise.MMSE ? new EmpiricalMmseDenoiser(t) : RampSumDenoiser.forData(t, p.alpha());
        Denoiser high = p.highNoise() == org.memsweep.engine.cell.HighNoise.MMSE ? new EmpiricalMmseDenoiser(t) : null;
        Flow flow = p.flow() == org.memsweep.engine.cell.FlowKind.PROBABILITY
                ? new ProbabilityFlow(new KarrasSchedule(p.sigmaMax(), p.sigmaMin(), p.steps(), p.karrasRho()), p.solver(),
                        high, low, p.sigmaSwitch(), true)
                : new ScoreFlow(low, p.sigma(), p.eta(), p.tol(), p.maxSteps(), true);
        double[] mean = switch (p.startMean()) {
            case ORIGIN -> new double[p.d()];
            case DATA_MEAN -> t.mean();
            default -> t.boxCenter();
        };
        return new BatchRunner(flow, NearestPointClassifier.forData(t, p.tau()), new GaussianStarts(mean, p.startScale(), cell::seedOf), batch);
    }

    /** Cells of the default and paper-fig3 presets (both flows, smallest and largest N). */
    static List<Cell> presetCells() {
        Map<String, Object> def = Map.of("d", 30, "sigma-max", 0.08, "sigma-min", 0.002, "steps", 150, "start-mean", "data-mean",
                "start-scale", 0.3);
        Map<String, Object> fig3 = Map.of("d", 30, "sigma-max", 80.0, "sigma-min", 0.002, "steps", 150, "high-noise", "mmse",
                "low-noise", "closed", "start-mean", "origin");
        List<Cell> cells = new java.util.ArrayList<>();
        for (Map<String, Object> preset : List.of(def, fig3)) {
            for (int n : new int[] {3, 31}) {
                for (String flow : new String[] {"probability", "score"}) {
                    Map<String, Object> m = new java.util.HashMap<>(preset);
                    m.put("n", n);
                    m.put("flow", flow);
                    cells.add(Cell.build(CellParams.fromMap(m)));
                }
            }
        }
        return cells;
    }

    @Test
    void anyBatchAndAnySplitGiveTheCellsRowsBitForBit() {
        for (Cell cell : presetCells()) {
            String what = cell.params().canonical();
            int d = cell.params().d();
            List<Trajectory> single = cell.run(0, SEEDS);
            double[] singleEnds = new double[SEEDS * d], one = new double[d];
            for (int i = 0; i < SEEDS; i++) {
                cell.run(i, one);
                System.arraycopy(one, 0, singleEnds, i * d, d);
            }
            for (int batch : new int[] {1, 7, 64, 512}) {
                for (int parts : new int[] {1, 3}) {
                    Endpoint[] ep = new Endpoint[SEEDS];
                    int[] steps = new int[SEEDS];
                    boolean[] conv = new boolean[SEEDS];
                    long[] nanos = new long[SEEDS];
                    double[] ends = new double[SEEDS * d];
                    // each part as its own task would run it: a fresh runner per part
                    int[] cuts = parts == 1 ? new int[] {0, SEEDS} : new int[] {0, 150, 421, SEEDS};
                    for (int k = 0; k + 1 < cuts.length; k++) {
                        runnerLike(cell, batch).run(cuts[k], cuts[k + 1] - cuts[k], cuts[k], ep, steps, conv, nanos, ends);
                    }
                    String w = what + ", batch " + batch + ", " + parts + " part(s)";
                    TestSupport.assertSameBits(singleEnds, ends, w + ": endpoints");
                    for (int i = 0; i < SEEDS; i++) {
                        Trajectory t = single.get(i);
                        assertEquals(t.endpoint(), ep[i], w + ", trajectory " + i);
                        assertEquals(t.steps(), steps[i], w + ", trajectory " + i + ": steps");
                        assertEquals(t.converged(), conv[i], w + ", trajectory " + i + ": converged");
                        assertTrue(nanos[i] >= 0);
                    }
                }
            }
        }
    }

    @Test
    void batchSizeFollowsTheDimension() {
        assertEquals(512, BatchRunner.batchSize(30));
        assertEquals(512, BatchRunner.batchSize(1024));
        assertEquals(512, BatchRunner.batchSize(4096));
        assertEquals(128, BatchRunner.batchSize(16384));
        assertEquals(2, BatchRunner.batchSize(1 << 20));
        assertEquals(1, BatchRunner.batchSize(1 << 22));
    }

    /** Networks run fastest in batches of one tile (128): a flow with a network anywhere gets that cap. */
    @Test
    void batchSizeIsCappedByTheFlowsDenoisers() {
        org.memsweep.engine.denoiser.ReluNetwork net = RandomNetworkRunner.network(30, 16, 1);
        org.memsweep.engine.flow.KarrasSchedule k = new org.memsweep.engine.flow.KarrasSchedule(80, 0.002, 10, 7);
        org.memsweep.engine.denoiser.Denoiser mmse = new org.memsweep.engine.denoiser.EmpiricalMmseDenoiser(
                org.memsweep.engine.TestSupport.data(org.memsweep.engine.data.DatasetKind.ORTHOGONAL, 4, 30, 0,
                        org.memsweep.engine.data.Norms.fixed(1), false, 1));
        var both = new org.memsweep.engine.flow.ProbabilityFlow(k, org.memsweep.engine.flow.Solver.EULER, net, mmse, 1.0, false);
        var none = new org.memsweep.engine.flow.ProbabilityFlow(k, org.memsweep.engine.flow.Solver.EULER, mmse, mmse, 1.0, false);
        assertEquals(128, net.preferredBatch());
        assertEquals(128, BatchRunner.batchSize(both));
        assertEquals(512, BatchRunner.batchSize(none));
    }

    @Test
    void refusesBadBatchesAndRanges() {
        Cell cell = presetCells().get(0);
        assertThrows(InvalidParameterException.class, () -> runnerLike(cell, 0));
        BatchRunner r = runnerLike(cell, 4);
        assertThrows(InvalidParameterException.class, () -> r.run(-1, 2, 0, new Endpoint[2], new int[2], new boolean[2], new long[2], null));
    }

    @Test
    void noAllocationPerTrajectoryBeyondItsEndpointRecord() {
        Cell cell = presetCells().get(0);
        BatchRunner r = runnerLike(cell, 64);
        int n = 2048;
        Endpoint[] ep = new Endpoint[n];
        int[] steps = new int[n];
        boolean[] conv = new boolean[n];
        long[] nanos = new long[n];
        r.run(0, n, 0, ep, steps, conv, nanos, null); // warm: workspaces grow, the JIT compiles
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long a0 = mx.getCurrentThreadAllocatedBytes();
        r.run(n, n, 0, ep, steps, conv, nanos, null);
        double perTrajectory = (mx.getCurrentThreadAllocatedBytes() - a0) / (double) n;
        // an Endpoint record is 56–72 bytes; anything per step (150 levels) would be thousands
        assertTrue(perTrajectory < 200, perTrajectory + " bytes per trajectory");
    }
}
