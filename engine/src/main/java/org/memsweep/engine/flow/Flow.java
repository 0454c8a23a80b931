package org.memsweep.engine.flow;

/** A flow that carries a start point to an endpoint (science.md §4). Not thread-safe. */
public interface Flow {
    /** The largest batch the flow's denoisers evaluate at full speed ({@link org.memsweep.engine.denoiser.Denoiser#preferredBatch}). */
    default int preferredBatch() {
        return Integer.MAX_VALUE;
    }

    /** d. */
    int dimension();

    /** Integrates from {@code start} and writes the endpoint into {@code end} (both length d). */
    FlowOutcome run(double[] start, double[] end);

    /**
     * Runs {@code count} trajectories together: start b is {@code starts[b*d … b*d+d)}, its endpoint goes
     * to the same place in {@code ends}, its step count to {@code steps[b]} and whether it converged to
     * {@code converged[b]}. Every trajectory gets exactly the bits {@link #run} gives it, whatever
     * {@code count}. This default runs them one by one (allocating two vectors per call); the engine's
     * flows override it with batched denoiser evaluations.
     */
    default void runBatch(double[] starts, int count, double[] ends, int[] steps, boolean[] converged) {
        int d = dimension();
        double[] s = new double[d], e = new double[d];
        for (int b = 0; b < count; b++) {
            System.arraycopy(starts, b * d, s, 0, d);
            FlowOutcome o = run(s, e);
            System.arraycopy(e, 0, ends, b * d, d);
            steps[b] = o.steps();
            converged[b] = o.converged();
        }
    }
}
