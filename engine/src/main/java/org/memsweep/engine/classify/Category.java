package org.memsweep.engine.classify;

/** Endpoint categories of science.md §6. Memorized = APEX or TRAINING. */
public enum Category {
    APEX, TRAINING, VIRTUAL, MANIFOLD, OTHER, DIVERGED;

    /** Whether an endpoint of this category counts as memorized (a training point, the apex included). */
    public boolean isMemorized() {
        return this == APEX || this == TRAINING;
    }
}
