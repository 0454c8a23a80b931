package org.memsweep.engine.data;

import org.memsweep.engine.Choice;

/** The data sets of science.md §2. */
public enum DatasetKind implements Choice {
    /** Apex x₀ = 0 plus N−1 mutually orthogonal edges: the hyperbox case. */
    ORTHOGONAL("orthogonal", true),
    /** Apex x₀ = 0 plus N−1 edges with pairwise cosine −κ. */
    OBTUSE_SIMPLEX("obtuse-simplex", true),
    /** N points pairwise at equal distance, no apex. */
    EQUILATERAL_SIMPLEX("equilateral-simplex", false),
    /** N i.i.d. points N(0, (r²/d) I). */
    GAUSSIAN("gaussian", false);

    private final String key;
    private final boolean hyperbox;

    DatasetKind(String key, boolean hyperbox) {
        this.key = key;
        this.hyperbox = hyperbox;
    }

    /** The spec value, e.g. {@code obtuse-simplex}. */
    @Override
    public String key() {
        return key;
    }

    /** Whether the data set has an apex and its flows end on a hyperbox (science.md §3.1). */
    public boolean isHyperbox() {
        return hyperbox;
    }

    public static DatasetKind parse(String value) {
        return Choice.parse("dataset", DatasetKind.class, value);
    }
}
