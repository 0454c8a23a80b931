package org.memsweep.engine.flow;

import org.memsweep.engine.data.Subspace;
import org.memsweep.engine.denoiser.Denoiser;
import org.memsweep.engine.denoiser.SubspaceDenoiser;

/**
 * Where a flow keeps its state: in R^d itself (ambient), or in the coordinates z of a subspace
 * shared by its denoisers plus a perpendicular part p⊥ that only ever gets multiplied by a scalar
 * (both flows' updates of p⊥ are linear and exactly solvable: see {@link ProbabilityFlow},
 * {@link ScoreFlow}). The two give the same endpoints to rounding; the subspace is faster.
 */
final class FlowSpace {
    private final int d;
    private final Subspace subspace; // null: ambient

    private FlowSpace(int d, Subspace subspace) {
        this.d = d;
        this.subspace = subspace;
    }

    /** The subspace of all the given denoisers if they share one and it is preferred; else ambient. */
    static FlowSpace choose(boolean preferSubspace, Denoiser... denoisers) {
        int d = denoisers[0].dimension();
        Subspace shared = null;
        if (preferSubspace) {
            for (Denoiser den : denoisers) {
                if (!(den instanceof SubspaceDenoiser sd)) {
                    shared = null;
                    break;
                }
                if (shared == null) shared = sd.subspace();
                else if (shared != sd.subspace()) {
                    shared = null;
                    break;
                }
            }
        }
        return new FlowSpace(d, shared);
    }

    boolean isSubspace() {
        return subspace != null;
    }

    /** Length of the state vector. */
    int size() {
        return subspace == null ? d : subspace.dimension();
    }

    /** state ← coordinates of y; perp ← its perpendicular part (subspace only). */
    void split(double[] y, double[] state, double[] perp) {
        if (subspace == null) System.arraycopy(y, 0, state, 0, d);
        else subspace.split(y, state, perp);
    }

    /** y ← the point with these coordinates and perpendicular part perpScale · perp. */
    void join(double[] state, double[] perp, double perpScale, double[] y) {
        if (subspace == null) System.arraycopy(state, 0, y, 0, d);
        else subspace.join(state, perp, perpScale, y);
    }

    /** out ← h_σ of the state. */
    void denoise(Denoiser den, double[] state, double sigma, double[] out) {
        if (subspace == null) den.denoise(state, sigma, out);
        else ((SubspaceDenoiser) den).denoiseInSubspace(state, sigma, out);
    }

    /**
     * ‖v‖∞ in R^d of the vector with coordinates {@code w} and perpendicular part
     * perpScale · perp (perpNormSq = ‖perp‖²). In a subspace the cheap bounds ‖v‖∞ ≤ ‖v‖₂ ≤ √d ‖v‖∞ decide most cases
     * against {@code threshold} without building v; the exact value is computed only between them.
     */
    boolean linfBelow(double[] w, double[] perp, double perpNormSq, double perpScale, double threshold) {
        return linfBelow(w, perp, 0, perpNormSq, perpScale, threshold);
    }

    /** The same with the perpendicular part stored at perp[pOff … pOff+d). */
    boolean linfBelow(double[] w, double[] perp, int pOff, double perpNormSq, double perpScale, double threshold) {
        if (subspace == null) {
            for (int i = 0; i < d; i++) if (!(Math.abs(w[i]) < threshold)) return false;
            return true;
        }
        double sq = 0;
        for (double x : w) sq += x * x;
        sq += perpScale * perpScale * perpNormSq;
        double l2 = Math.sqrt(sq);
        if (l2 < threshold) return true;
        if (!(l2 < threshold * Math.sqrt(d))) return false;
        return subspace.linfOf(w, perp, pOff, perpScale) < threshold;
    }

    // Batches: the state of point b is column b of a structure-of-arrays matrix (entry j at j*stride + b);
    // perpendicular parts are rows (point b's at b*d). Each point sees exactly the single path's arithmetic.

    /** Column b of states ← coordinates of the point y[yOff … yOff+d); row b of perps ← its perpendicular part. tmp: length size(). */
    void splitInto(double[] y, int yOff, int b, double[] states, int stride, double[] perps, double[] tmp) {
        int n = size();
        if (subspace == null) {
            for (int i = 0; i < d; i++) states[i * stride + b] = y[yOff + i];
            return;
        }
        subspace.splitRow(y, yOff, tmp, perps, b * d);
        for (int j = 0; j < n; j++) states[j * stride + b] = tmp[j];
    }

    /** y[yOff … yOff+d) ← the point of column col of states with perpendicular part perpScale · (row perpRow of perps). */
    void joinFrom(double[] states, int col, int stride, double[] perps, int perpRow, double perpScale, double[] y, int yOff, double[] tmp) {
        int n = size();
        if (subspace == null) {
            for (int i = 0; i < d; i++) y[yOff + i] = states[i * stride + col];
            return;
        }
        for (int j = 0; j < n; j++) tmp[j] = states[j * stride + col];
        subspace.joinRow(tmp, perps, perpRow * d, perpScale, y, yOff);
    }

    /** The batched {@link #denoise}. */
    void denoiseBatch(Denoiser den, double[] states, int count, int stride, double sigma, double[] out) {
        if (subspace == null) den.denoiseBatch(states, count, stride, sigma, out);
        else ((SubspaceDenoiser) den).denoiseInSubspaceBatch(states, count, stride, sigma, out);
    }
}
