package org.memsweep.engine.flow;

/** A flow that carries a start point to an endpoint (science.md §4). Not thread-safe. */
public interface Flow {
    /** d. */
    int dimension();

    /** Integrates from {@code start} and writes the endpoint into {@code end} (both length d). */
    FlowOutcome run(double[] start, double[] end);
}
