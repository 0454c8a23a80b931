package org.memsweep.engine.exact;

/**
 * Exact probabilities of the endpoint categories of science.md §6 under a Gaussian start.
 *
 * @param vertexOrder P(endpoint within τ of a vertex of order k), k = 0 … m (index k)
 */
public record CategoryProbabilities(double apex, double training, double virtual, double manifold, double other,
                                    double[] vertexOrder) {
    /** P(the endpoint's category {@linkplain org.memsweep.engine.classify.Category#isMemorized() counts as memorized}). */
    public double memorized() {
        double m = -0.0; // the identity of double addition, so one term is returned bit for bit
        for (org.memsweep.engine.classify.Category c : org.memsweep.engine.classify.Category.values()) {
            if (c.isMemorized()) m += of(c);
        }
        return m;
    }

    /** The probability of a category by name (APEX, TRAINING, VIRTUAL, MANIFOLD, OTHER, DIVERGED). */
    public double of(org.memsweep.engine.classify.Category c) {
        return switch (c) {
            case APEX -> apex;
            case TRAINING -> training;
            case VIRTUAL -> virtual;
            case MANIFOLD -> manifold;
            case OTHER -> other;
            case DIVERGED -> 0.0;
        };
    }
}
