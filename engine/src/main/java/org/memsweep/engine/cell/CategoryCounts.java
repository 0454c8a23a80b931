package org.memsweep.engine.cell;

import org.memsweep.engine.classify.Category;

/**
 * Counts of trajectories per endpoint category (science.md §6) and of those whose flow did not
 * converge (science.md §4). Mutable accumulator.
 */
public final class CategoryCounts {
    private final long[] counts = new long[Category.values().length];
    private long total;
    private long unconverged;
    private long computeNanos;

    public void add(Trajectory t) {
        counts[t.endpoint().category().ordinal()]++;
        total++;
        if (!t.converged()) unconverged++;
        computeNanos += t.computeNanos();
    }

    public long count(Category c) {
        return counts[c.ordinal()];
    }

    /** APEX + TRAINING. */
    public long memorized() {
        return counts[Category.APEX.ordinal()] + counts[Category.TRAINING.ordinal()];
    }

    /**
     * Trajectories whose flow did not converge: for the score flow, ‖h(y) − y‖∞ stayed above the
     * tolerance for the whole step budget (its endpoint is then wherever the budget ran out); for
     * the probability flow, which always runs its K levels, the endpoint is not finite — the same
     * trajectories as {@link Category#DIVERGED}. The exact predictions (science.md §5) assume none.
     */
    public long unconverged() {
        return unconverged;
    }

    public long total() {
        return total;
    }

    /** Summed per-trajectory compute time. */
    public long computeNanos() {
        return computeNanos;
    }
}
