package org.memsweep.engine.cell;

import org.memsweep.engine.data.TrainingSet;
import org.memsweep.engine.exact.CategoryProbabilities;
import org.memsweep.engine.exact.OrthogonalExact;
import org.memsweep.engine.flow.KarrasSchedule;

/**
 * The exact category probabilities of a cell (science.md §5), when they apply: the classification's
 * frame holds axis-aligned orthogonal data (the construction frame of rotated orthogonal data too:
 * the flow commutes with the rotation and the start distribution is rotated with its mean), the
 * low-noise denoiser is the closed form, and, for the probability flow, no high-noise denoiser acts.
 */
final class ExactPrediction {
    private ExactPrediction() {}

    /**
     * @param classified the training set in the classification's frame
     * @param startMean  the start mean μ in that frame
     * @param r          the resolved parameters
     * @return the prediction, or null when none applies
     */
    static CategoryProbabilities of(TrainingSet classified, double[] startMean, CellParams r, KarrasSchedule schedule) {
        if (!classified.isAxisAlignedOrthogonal() || r.lowNoise() != LowNoise.CLOSED) return null;
        double[] e0 = classified.copyOfApex();
        double[][] edges = classified.edges();
        int m = edges.length;
        double[] len = new double[m], mean = new double[m];
        for (int k = 0; k < m; k++) {
            double l = 0, t = 0;
            for (int i = 0; i < edges[k].length; i++) {
                l += edges[k][i] * edges[k][i];
                t += edges[k][i] * (startMean[i] - e0[i]);
            }
            len[k] = Math.sqrt(l);
            mean[k] = t / len[k];
        }
        if (r.flow() == FlowKind.SCORE) return OrthogonalExact.scoreFlow(len, r.d(), r.tau(), mean, r.startScale());
        if (schedule.sigmaMax() > r.sigmaSwitch()) return null; // a high-noise denoiser acts: no closed form
        return OrthogonalExact.probabilityFlow(len, r.d(), r.alpha(), schedule.sigmaMax(), schedule.sigmaMin(), r.tau(), mean,
                r.startScale());
    }
}
