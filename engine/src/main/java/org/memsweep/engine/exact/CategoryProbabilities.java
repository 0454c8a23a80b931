package org.memsweep.engine.exact;

/**
 * Exact probabilities of the endpoint categories of science.md §6 under a Gaussian start.
 *
 * @param vertexOrder P(endpoint within τ of a vertex of order k), k = 0 … m (index k)
 */
public record CategoryProbabilities(double apex, double training, double virtual, double manifold, double other,
                                    double[] vertexOrder) {
    /** P(APEX or TRAINING). */
    public double memorized() {
        return apex + training;
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
