package org.memsweep.engine.cell;

import java.io.Serializable;
import org.memsweep.engine.classify.Category;

/**
 * Counts of trajectories per endpoint category (science.md §6) and of those whose flow did not
 * converge (science.md §4). Mutable accumulator; serializable so a task's counts travel to the driver.
 */
public final class CategoryCounts implements Serializable {
    private static final long serialVersionUID = 1L;
    private final long[] counts = new long[Category.values().length];
    private long total;
    private long unconverged;
    private long computeNanos;

    public void add(Trajectory t) {
        add(t.endpoint().category(), 1, t.converged() ? 0 : 1, t.computeNanos());
    }

    /**
     * Adds {@code trajectories} trajectories of category {@code c}, {@code unconverged} of them not
     * converged, that took {@code computeNanos} in all (counts read back from a table).
     */
    public void add(Category c, long trajectories, long unconverged, long computeNanos) {
        counts[c.ordinal()] += trajectories;
        total += trajectories;
        this.unconverged += unconverged;
        this.computeNanos += computeNanos;
    }

    /** Adds every count of {@code other} to this one. */
    public void addAll(CategoryCounts other) {
        for (Category c : Category.values()) counts[c.ordinal()] += other.counts[c.ordinal()];
        total += other.total;
        unconverged += other.unconverged;
        computeNanos += other.computeNanos;
    }

    public long count(Category c) {
        return counts[c.ordinal()];
    }

    /** Trajectories whose category {@linkplain Category#isMemorized() counts as memorized}. */
    public long memorized() {
        long m = 0;
        for (Category c : Category.values()) if (c.isMemorized()) m += counts[c.ordinal()];
        return m;
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
