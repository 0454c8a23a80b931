package org.memsweep.engine.run;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.memsweep.engine.cell.Cell;
import org.memsweep.engine.cell.CellParams;
import org.memsweep.engine.classify.Endpoint;
import org.memsweep.engine.classify.NearestPointClassifier;
import org.memsweep.engine.denoiser.ReluNetwork;
import org.memsweep.engine.flow.FlowOutcome;
import org.memsweep.engine.flow.KarrasSchedule;
import org.memsweep.engine.flow.ProbabilityFlow;

class RandomNetworkRunnerTest {
    private static Cell cell(Map<String, Object> extra) {
        Map<String, Object> m = new java.util.HashMap<>(Map.of("n", 4, "d", 6, "sigma-max", 80.0, "low-noise", "mmse",
                "high-noise", "mmse", "steps", 20));
        m.putAll(extra);
        return Cell.build(CellParams.fromMap(m));
    }

    @Test
    void theNetworkFollowsThePeersRecipeAndItsSeed() {
        ReluNetwork net = RandomNetworkRunner.network(6, 32, 7);
        assertEquals(6, net.dimension());
        assertEquals(32, net.width());
        double[][] v = net.skip();
        for (int i = 0; i < 6; i++) for (int j = 0; j < 6; j++) assertEquals(i == j ? 0.5 : 0.0, v[i][j]);
        assertArrayEquals(net.inputWeights()[3], RandomNetworkRunner.network(6, 32, 7).inputWeights()[3], "same seed, same weights");
        assertFalse(java.util.Arrays.equals(net.inputWeights()[3], RandomNetworkRunner.network(6, 32, 8).inputWeights()[3]));
        double sumSq = 0;
        for (double[] w : net.inputWeights()) for (double x : w) sumSq += x * x;
        assertEquals(1.0 / 6, sumSq / (32 * 6), 0.05, "input weights of variance 1/d");
    }

    /** The runner is the cell's starts and levels with the network at every level, classified as the cell's points. */
    @Test
    void theRunnerIsTheCellsFlowWithTheNetworkAtEveryLevel() {
        Cell cell = cell(Map.of());
        ReluNetwork net = RandomNetworkRunner.network(6, 16, 3);
        BatchRunner runner = RandomNetworkRunner.runner(cell, net);
        int count = 5;
        Endpoint[] ep = new Endpoint[count];
        int[] steps = new int[count];
        boolean[] conv = new boolean[count];
        long[] nanos = new long[count];
        double[] ends = new double[count * 6];
        runner.run(10, count, 0, ep, steps, conv, nanos, ends);
        CellParams p = cell.params();
        ProbabilityFlow alone = new ProbabilityFlow(new KarrasSchedule(p.sigmaMax(), p.sigmaMin(), p.steps(), p.karrasRho()), p.solver(),
                net, net, 0.0, false);
        double[] y = new double[6], end = new double[6];
        for (int k = 0; k < count; k++) {
            cell.start(10 + k, y);
            FlowOutcome o = alone.run(y, end);
            assertArrayEquals(end, java.util.Arrays.copyOfRange(ends, k * 6, k * 6 + 6), 1e-12, "trajectory " + k);
            assertEquals(o.steps(), steps[k]);
            assertEquals(NearestPointClassifier.forData(cell.trainingSet(), p.tau()).classify(end).category(), ep[k].category());
        }
    }

    @Test
    void refusesAWrongDimensionAndARotatedDataSet() {
        assertThrows(IllegalArgumentException.class, () -> RandomNetworkRunner.runner(cell(Map.of()), RandomNetworkRunner.network(5, 8, 1)));
        Cell rotated = cell(Map.of("rotation", "random"));
        assertThrows(IllegalArgumentException.class, () -> RandomNetworkRunner.runner(rotated, RandomNetworkRunner.network(6, 8, 1)));
    }
}
