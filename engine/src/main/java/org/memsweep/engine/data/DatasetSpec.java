package org.memsweep.engine.data;

import org.memsweep.engine.InvalidParameterException;

/**
 * What defines a training set (science.md §2): the kind, N (every training point, apex included),
 * the dimension d, the obtuse cosine κ (obtuse-simplex only), the edge norms and the rotation.
 * Validated on construction; every message names the parameter, its value and the valid range.
 *
 * @param randomRotation apply one Haar-random orthogonal matrix (spec {@code rotation = random});
 *                       otherwise directions are axis-aligned ({@code rotation = none})
 */
public record DatasetSpec(DatasetKind kind, int n, int d, double kappa, Norms norms, boolean randomRotation) {
    /** Spec value of the rotation. */
    public String rotationName() {
        return randomRotation ? "random" : "none";
    }

    public DatasetSpec {
        if (d < 1) throw new InvalidParameterException("d", d, "an integer ≥ 1");
        int minN = kind == DatasetKind.GAUSSIAN ? 1 : 2;
        if (n < minN) throw new InvalidParameterException("n", n, "an integer ≥ " + minN + " for " + kind.key());
        switch (kind) {
            case ORTHOGONAL, OBTUSE_SIMPLEX -> {
                if (n - 1 > d) {
                    throw new InvalidParameterException("n", n, "N − 1 ≤ d = " + d + " for " + kind.key()
                            + " (the apex plus at most d edges), i.e. n ≤ " + (d + 1));
                }
            }
            case EQUILATERAL_SIMPLEX -> {
                if (n > d) throw new InvalidParameterException("n", n, "N ≤ d = " + d + " for equilateral-simplex");
            }
            case GAUSSIAN -> { }
        }
        if (kind == DatasetKind.OBTUSE_SIMPLEX) {
            double max = n <= 2 ? 1.0 : Math.min(1.0, 1.0 / (n - 2));
            if (!(kappa >= 0 && kappa <= max)) {
                throw new InvalidParameterException("kappa", kappa,
                        "0 ≤ κ ≤ 1/(N−2) = " + max + " for N = " + n + " (the Gram matrix must be positive semidefinite)");
            }
        } else if (!Double.isFinite(kappa)) {
            throw new InvalidParameterException("kappa", kappa, "a finite number (it is used only by obtuse-simplex)");
        }
        if (norms == null) throw new InvalidParameterException("norms", null, "fixed(r) or uniform(a,b)");
        if (!norms.isFixed() && !kind.isHyperbox()) {
            throw new InvalidParameterException("norms", norms, "a fixed norm for " + kind.key()
                    + " (uniform(a,b) applies to the edges of orthogonal and obtuse-simplex data)");
        }
    }

    /** Canonical text, used for hashing (so that the same data set gets the same seed everywhere). */
    public String canonical() {
        return "dataset=" + kind.key() + ";n=" + n + ";d=" + d
                + (kind == DatasetKind.OBTUSE_SIMPLEX ? ";kappa=" + kappa : "")
                + ";norms=" + norms + ";rotation=" + rotationName();
    }
}
