package org.memsweep.engine.cell;

import org.memsweep.engine.classify.Endpoint;

/**
 * One trajectory of a cell: its seed, where the flow ended and how.
 *
 * @param computeNanos wall time of this trajectory's flow and classification (not deterministic;
 *                     excluded from every comparison of results)
 */
public record Trajectory(long seedIndex, long seed, Endpoint endpoint, int steps, boolean converged, long computeNanos) {}
