package org.memsweep.engine.classify;

/** Classifies a flow endpoint (science.md §6). Implementations may keep scratch space: one per task. */
public interface Classifier {
    Endpoint classify(double[] y);

    /** Whether every component of y is finite (otherwise the endpoint is DIVERGED). */
    static boolean isFinite(double[] y) {
        for (double v : y) if (!Double.isFinite(v)) return false;
        return true;
    }
}
