package org.memsweep.engine.run;

import java.util.function.LongUnaryOperator;
import org.memsweep.engine.rng.Rng;

/**
 * The start distribution of science.md §4: y_0 = mean + scale · ξ with ξ ~ N(0, I_d), ξ drawn from the
 * trajectory's own seed (so a start depends on its seed index only). Exactly d normals per start and
 * no allocation: one generator is reseeded per trajectory. Not thread-safe.
 */
public final class GaussianStarts implements StartSampler {
    private final double[] mean;
    private final double scale;
    private final LongUnaryOperator seedOf;
    private final Rng rng = new Rng(0);

    /** @param seedOf seed index → the trajectory's seed (e.g. the cell's {@code seedOf}) */
    public GaussianStarts(double[] mean, double scale, LongUnaryOperator seedOf) {
        this.mean = mean.clone();
        this.scale = scale;
        this.seedOf = seedOf;
    }

    @Override
    public int dimension() {
        return mean.length;
    }

    @Override
    public void sample(long seedIndex, double[] y, int offset) {
        rng.reseed(seedOf.applyAsLong(seedIndex));
        rng.nextGaussians(y, offset, mean.length);
        for (int i = 0; i < mean.length; i++) y[offset + i] = mean[i] + scale * y[offset + i];
    }
}
