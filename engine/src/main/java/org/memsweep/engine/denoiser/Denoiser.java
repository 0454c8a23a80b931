package org.memsweep.engine.denoiser;

/**
 * A denoiser h_σ : R^d → R^d (science.md §1); the score estimate is s(y) = (h_σ(y) − y)/σ².
 * Implementations are not required to be thread-safe: a task builds its own.
 */
public interface Denoiser {
    /** d. */
    int dimension();

    /** The noise levels σ < validBelow() at which h_σ is defined; by default all of them (+∞). */
    default double validBelow() {
        return Double.POSITIVE_INFINITY;
    }

    /** out = h_σ(y). No allocation. */
    void denoise(double[] y, double sigma, double[] out);
}
