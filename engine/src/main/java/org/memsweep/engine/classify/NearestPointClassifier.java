package org.memsweep.engine.classify;

import org.memsweep.engine.InvalidParameterException;
import org.memsweep.engine.data.TrainingSet;

/**
 * Classifies endpoints of data without a hyperbox (equilateral simplex, gaussian) by science.md
 * §6: TRAINING when the L∞ distance to the nearest training point is at most τ, else OTHER;
 * DIVERGED when not finite; plus the universal metrics. Cost O(N·r + r·d). Not thread-safe.
 */
public final class NearestPointClassifier implements Classifier {
    private final double tau;
    private final NearestPoints nearest;
    private final double[] metrics = new double[4];

    public NearestPointClassifier(TrainingSet data, double tau) {
        if (!(tau > 0) || !Double.isFinite(tau)) throw new InvalidParameterException("tau", tau, "a finite number > 0");
        this.tau = tau;
        this.nearest = new NearestPoints(data);
    }

    /** The classifier science.md §6 prescribes for the data set's kind. */
    public static Classifier forData(TrainingSet data, double tau) {
        return data.kind().isHyperbox() ? new HyperboxClassifier(data, tau) : new NearestPointClassifier(data, tau);
    }

    @Override
    public Endpoint classify(double[] y) {
        if (!Classifier.isFinite(y)) return Endpoint.diverged();
        nearest.measure(y, metrics);
        double d1 = metrics[0], d2 = metrics[1], linf = metrics[2], ratio = d1 / d2;
        Category c = linf <= tau ? Category.TRAINING : Category.OTHER;
        return new Endpoint(c, -1, false, Double.NaN, linf, d1, d2, ratio, ratio < NearestPoints.NN_RATIO_THRESHOLD);
    }
}
