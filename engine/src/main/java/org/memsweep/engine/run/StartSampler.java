package org.memsweep.engine.run;

/** Draws the start of a trajectory from its seed index (science.md §4). */
public interface StartSampler {
    /** d. */
    int dimension();

    /** Writes the start of trajectory {@code seedIndex} to y[offset … offset+d). No allocation. */
    void sample(long seedIndex, double[] y, int offset);
}
