package org.memsweep.engine.run;

import org.memsweep.engine.cell.Cell;
import org.memsweep.engine.cell.CellParams;
import org.memsweep.engine.classify.NearestPointClassifier;
import org.memsweep.engine.data.TrainingSet;
import org.memsweep.engine.denoiser.ReluNetwork;
import org.memsweep.engine.flow.KarrasSchedule;
import org.memsweep.engine.flow.ProbabilityFlow;
import org.memsweep.engine.rng.Rng;

/**
 * A speed reference for trained denoisers (science.md §3.4), not a result: a cell's probability flow
 * (§4: its Karras levels, solver, starts) with one random shallow ReLU network of a given width as the
 * denoiser at every level, its endpoints classified as the cell's (§6). The weights follow the NumPy
 * peer's recipe ({@code bench/peer_flow.py --denoiser network}): W/√d, b·0.1, A·0.5/width, V = ½I, c = 0.
 * What {@code memsweep bench} times against the peer; the endpoints mean nothing.
 */
public final class RandomNetworkRunner {
    private RandomNetworkRunner() {}

    /** A random network for dimension d with {@code width} hidden units, the same for the same seed. */
    public static ReluNetwork network(int d, int width, long seed) {
        Rng r = new Rng(seed);
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

    /**
     * The cell's flow in R^d with {@code net} at every level, batched with the engine's batch size.
     * Only for cells in their construction frame (no rotation): the classifier is built from the
     * training points as they are.
     */
    public static BatchRunner runner(Cell cell, ReluNetwork net) {
        CellParams p = cell.params();
        TrainingSet t = cell.trainingSet();
        if (t.rotation() != null) throw new IllegalArgumentException("a random-network runner for a rotated data set");
        if (net.dimension() != p.d()) throw new IllegalArgumentException("a network of dimension " + net.dimension() + " for d = " + p.d());
        // One network for high and low noise: the switch level does not matter; R^d, as a network has no subspace.
        ProbabilityFlow flow = new ProbabilityFlow(new KarrasSchedule(p.sigmaMax(), p.sigmaMin(), p.steps(), p.karrasRho()), p.solver(),
                net, net, p.sigmaMax(), false);
        double[] mean = switch (p.startMean()) {
            case ORIGIN -> new double[p.d()];
            case DATA_MEAN -> t.mean();
            case BOX_CENTER -> t.boxCenter();
        };
        return new BatchRunner(flow, NearestPointClassifier.forData(t, p.tau()), new GaussianStarts(mean, p.startScale(), cell::seedOf));
    }
}
