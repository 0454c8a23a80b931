package org.memsweep.engine.data;

/**
 * The clean training points x_1 … x_N of one data set (science.md §1–2), with what the denoisers
 * and classifiers derive from them. For hyperbox kinds point 0 is the apex x₀ and
 * e_n = x_n − x₀ (n = 1 … N−1) are the edges. Immutable; arrays handed out are copies.
 */
public final class TrainingSet {
    private final DatasetSpec spec;
    private final double[][] points;
    private final Subspace subspace;
    private final Rotation rotation;
    private final TrainingSet constructionFrame;

    TrainingSet(DatasetSpec spec, double[][] points, Subspace subspace, Rotation rotation, TrainingSet constructionFrame) {
        this.spec = spec;
        this.points = points;
        this.subspace = subspace;
        this.rotation = rotation;
        this.constructionFrame = constructionFrame == null ? this : constructionFrame;
    }

    /** The random rotation applied to the construction-frame points; null when none was applied. */
    public Rotation rotation() {
        return rotation;
    }

    /**
     * The same data set in its construction frame (the rotation undone: point p there is Rᵀ x_p,
     * axis-aligned for orthogonal data); this set itself when no rotation was applied.
     */
    public TrainingSet constructionFrame() {
        return constructionFrame;
    }

    public DatasetSpec spec() {
        return spec;
    }

    public DatasetKind kind() {
        return spec.kind();
    }

    /** N, every training point (apex included). */
    public int size() {
        return points.length;
    }

    public int dimension() {
        return spec.d();
    }

    /** Point i (a copy). */
    public double[] copyOfPoint(int i) {
        return points[i].clone();
    }

    /** All points (deep copy). */
    public double[][] copyOfPoints() {
        double[][] c = new double[points.length][];
        for (int i = 0; i < points.length; i++) c[i] = points[i].clone();
        return c;
    }

    /** The apex x₀ (hyperbox kinds). */
    public double[] copyOfApex() {
        requireHyperbox();
        return points[0].clone();
    }

    /** The N−1 edges e_n = x_n − x₀ (hyperbox kinds). */
    public double[][] edges() {
        requireHyperbox();
        int d = dimension();
        double[][] e = new double[points.length - 1][d];
        for (int n = 1; n < points.length; n++) {
            for (int i = 0; i < d; i++) e[n - 1][i] = points[n][i] - points[0][i];
        }
        return e;
    }

    /**
     * The affine span of the training points: origin point 0, orthonormal basis of
     * span{x_n − x_0}. For orthogonal data the basis is the edge directions u_n themselves.
     */
    public Subspace subspace() {
        return subspace;
    }

    /**
     * The subspace coordinates z_p of every training point, sparse (entries below 1e-14 of a row's
     * largest are dropped: they are rounding noise of rotated data). Cost O(N·r·d).
     */
    public SparseRows subspaceCoordinates() {
        double[] o = subspace.origin();
        int d = dimension();
        double[][] rows = new double[points.length][subspace.dimension()];
        double[] diff = new double[d];
        for (int p = 0; p < rows.length; p++) {
            for (int i = 0; i < d; i++) diff[i] = points[p][i] - o[i];
            subspace.coordinatesOfVector(diff, rows[p]);
        }
        return new SparseRows(rows, 1e-14);
    }

    /** Whether the data are orthogonal and axis-aligned: the case with exact solutions (science.md §5). */
    public boolean isAxisAlignedOrthogonal() {
        return spec.kind() == DatasetKind.ORTHOGONAL && !spec.randomRotation();
    }

    /** The mean of the training points. */
    public double[] mean() {
        int d = dimension();
        double[] m = new double[d];
        for (double[] p : points) for (int i = 0; i < d; i++) m[i] += p[i];
        for (int i = 0; i < d; i++) m[i] /= points.length;
        return m;
    }

    /**
     * The centre of the hyperbox, x₀ + ½ Σ e_n, for hyperbox kinds; the centre of the coordinate
     * bounding box of the training points otherwise.
     */
    public double[] boxCenter() {
        int d = dimension();
        double[] c = new double[d];
        if (kind().isHyperbox()) {
            for (int i = 0; i < d; i++) {
                double s = points[0][i];
                for (int n = 1; n < points.length; n++) s += 0.5 * (points[n][i] - points[0][i]);
                c[i] = s;
            }
        } else {
            for (int i = 0; i < d; i++) {
                double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
                for (double[] p : points) {
                    lo = Math.min(lo, p[i]);
                    hi = Math.max(hi, p[i]);
                }
                c[i] = 0.5 * (lo + hi);
            }
        }
        return c;
    }

    private void requireHyperbox() {
        if (!kind().isHyperbox()) {
            throw new IllegalStateException(kind().key() + " data have no apex and no edges");
        }
    }
}
