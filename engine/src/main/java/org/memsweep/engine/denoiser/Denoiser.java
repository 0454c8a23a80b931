package org.memsweep.engine.denoiser;

/**
 * A denoiser h_σ : R^d → R^d (science.md §1); the score estimate is s(y) = (h_σ(y) − y)/σ².
 * Implementations are not required to be thread-safe: a task builds its own.
 */
public interface Denoiser {
    /** d. */
    int dimension();

    /**
     * The largest batch this denoiser evaluates at full speed (the engine's batches are capped by it);
     * by default no limit. Results never depend on it.
     */
    default int preferredBatch() {
        return Integer.MAX_VALUE;
    }

    /** The noise levels σ < validBelow() at which h_σ is defined; by default all of them (+∞). */
    default double validBelow() {
        return Double.POSITIVE_INFINITY;
    }

    /** out = h_σ(y). No allocation. */
    void denoise(double[] y, double sigma, double[] out);

    /**
     * The same for a batch of {@code count} points in structure-of-arrays layout: coordinate i of
     * point b is {@code y[i * stride + b]} (b < count ≤ stride), and out likewise. Every point gets
     * exactly the bits {@link #denoise} gives it, whatever the batch (no arithmetic mixes points).
     * This default gathers each point and calls {@link #denoise} (it allocates two vectors per call);
     * the engine's denoisers override it with batched loops that allocate nothing once warm.
     */
    default void denoiseBatch(double[] y, int count, int stride, double sigma, double[] out) {
        int d = dimension();
        double[] one = new double[d], res = new double[d];
        for (int b = 0; b < count; b++) {
            for (int i = 0; i < d; i++) one[i] = y[i * stride + b];
            denoise(one, sigma, res);
            for (int i = 0; i < d; i++) out[i * stride + b] = res[i];
        }
    }
}
