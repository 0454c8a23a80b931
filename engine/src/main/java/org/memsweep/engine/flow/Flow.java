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
     * Where a batch's starts come from and where its endpoints go, one trajectory at a time: a start is
     * written and taken apart, and an endpoint put together and used, while its d coordinates are in the
     * cache (at d = 4096 a batch's rows of starts and endpoints are 16 MB each; going through them cost a
     * tenth of the scale cell's time).
     */
    interface BatchIo {
        /** Writes start b (0 ≤ b &lt; count) into y[off … off+d). */
        void start(int b, double[] y, int off);

        /** Endpoint b is y[off … off+d) (valid during the call only), after {@code steps} steps; converged or not. */
        void end(int b, double[] y, int off, int steps, boolean converged);
    }

    /**
     * Runs {@code count} trajectories together, their starts read from and their endpoints handed to
     * {@code io} (each exactly once, the endpoints in any order). Every trajectory gets exactly the bits
     * {@link #run} gives it, whatever {@code count}. This default runs them one by one (allocating two
     * vectors per call); the engine's flows override it with batched denoiser evaluations and no allocation.
     */
    default void runBatch(int count, BatchIo io) {
        int d = dimension();
        double[] s = new double[d], e = new double[d];
        for (int b = 0; b < count; b++) {
            io.start(b, s, 0);
            FlowOutcome o = run(s, e);
            io.end(b, e, 0, o.steps(), o.converged());
        }
    }

    /**
     * {@link #runBatch(int, BatchIo)} on arrays: start b is {@code starts[b*d … b*d+d)}, its endpoint goes to the
     * same place in {@code ends}, its step count to {@code steps[b]} and whether it converged to {@code converged[b]}.
     */
    default void runBatch(double[] starts, int count, double[] ends, int[] steps, boolean[] converged) {
        int d = dimension();
        runBatch(count, new BatchIo() {
            @Override
            public void start(int b, double[] y, int off) {
                System.arraycopy(starts, b * d, y, off, d);
            }

            @Override
            public void end(int b, double[] y, int off, int s, boolean c) {
                System.arraycopy(y, off, ends, b * d, d);
                steps[b] = s;
                converged[b] = c;
            }
        });
    }
}
