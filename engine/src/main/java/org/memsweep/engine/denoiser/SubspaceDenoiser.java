package org.memsweep.engine.denoiser;

import org.memsweep.engine.data.Subspace;

/**
 * A denoiser whose output lies in an affine subspace and that depends on y only through y's
 * coordinates in it (science.md §3: the closed forms and the empirical MMSE both do, for the
 * affine span of the training points). Flows then integrate r = dim(subspace) numbers instead
 * of d; the perpendicular part of y obeys a linear equation that they solve exactly.
 */
public interface SubspaceDenoiser extends Denoiser {
    Subspace subspace();

    /** outZ = coordinates of h_σ(y) for the point y with subspace coordinates z. No allocation. */
    void denoiseInSubspace(double[] z, double sigma, double[] outZ);

    /**
     * {@link #denoiseInSubspace} for a batch of {@code count} points in structure-of-arrays layout:
     * coordinate j of point b at {@code z[j * stride + b]}, outZ likewise; the same bits per point as
     * the single call, whatever the batch. No allocation once the workspace has grown to the batch.
     */
    void denoiseInSubspaceBatch(double[] z, int count, int stride, double sigma, double[] outZ);
}
