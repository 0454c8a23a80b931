package org.memsweep.engine.classify;

import org.memsweep.engine.data.Rotation;

/**
 * Classifies an endpoint in the data set's construction frame (cell parameter {@code frame = data},
 * science.md §6): the endpoint is rotated back by Rᵀ and handed to a classifier built on the
 * construction-frame training points. The L∞ tolerance τ is then measured along the data set's own
 * axes, so a rotation of the data changes no category. Cost O(d·m) per endpoint on top of the inner
 * classifier's. Not thread-safe (one scratch vector).
 */
public final class FrameClassifier implements Classifier {
    private final Rotation rotation;
    private final Classifier inFrame;
    private final double[] x;

    /** @param inFrame a classifier of the construction-frame training set */
    public FrameClassifier(Rotation rotation, Classifier inFrame) {
        this.rotation = rotation;
        this.inFrame = inFrame;
        this.x = new double[rotation.dimension()];
    }

    @Override
    public Endpoint classify(double[] y) {
        if (!Classifier.isFinite(y)) return Endpoint.diverged();
        rotation.toFrame(y, x);
        return inFrame.classify(x);
    }
}
