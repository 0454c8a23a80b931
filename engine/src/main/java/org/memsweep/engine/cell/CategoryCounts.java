package org.memsweep.engine.cell;

import org.memsweep.engine.classify.Category;

/** Counts of trajectories per endpoint category (science.md §6). Mutable accumulator. */
public final class CategoryCounts {
    private final long[] counts = new long[Category.values().length];
    private long total;
    private long computeNanos;

    public void add(Trajectory t) {
        counts[t.endpoint().category().ordinal()]++;
        total++;
        computeNanos += t.computeNanos();
    }

    public long count(Category c) {
        return counts[c.ordinal()];
    }

    /** APEX + TRAINING. */
    public long memorized() {
        return counts[Category.APEX.ordinal()] + counts[Category.TRAINING.ordinal()];
    }

    public long total() {
        return total;
    }

    /** Summed per-trajectory compute time. */
    public long computeNanos() {
        return computeNanos;
    }
}
