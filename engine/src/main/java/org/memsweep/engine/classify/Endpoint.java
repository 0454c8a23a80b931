package org.memsweep.engine.classify;

/**
 * The classification of one flow endpoint (science.md §6).
 *
 * @param category    the category
 * @param vertexOrder k = number of edges in the nearest hyperbox vertex (0 apex, 1 training point,
 *                    ≥ 2 virtual point); −1 for data without a hyperbox or a diverged endpoint
 * @param boundary    MANIFOLD endpoints only: some coefficient β_n lies within τ/L_n of 0 or 1
 * @param linfVertex  L∞ distance to the nearest hyperbox vertex (NaN without a hyperbox)
 * @param linfNearest L∞ distance to the (Euclidean) nearest training point
 * @param d1          Euclidean distance to the nearest training point
 * @param d2          Euclidean distance to the second nearest (NaN when N = 1)
 * @param nnRatio     d1/d2
 * @param nnMemorized nnRatio < 1/3 (Gu et al. 2025; Yoon et al. 2023)
 */
public record Endpoint(Category category, int vertexOrder, boolean boundary, double linfVertex,
                       double linfNearest, double d1, double d2, double nnRatio, boolean nnMemorized) {
    /** The record of a non-finite endpoint. */
    public static Endpoint diverged() {
        return new Endpoint(Category.DIVERGED, -1, false, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, false);
    }
}
