package org.memsweep.engine.flow;

/**
 * How a flow ended.
 *
 * @param steps     integration steps taken
 * @param converged score flow: ‖h(y) − y‖∞ fell below the tolerance within the step budget;
 *                  probability flow: it reached σ_min with a finite endpoint
 */
public record FlowOutcome(int steps, boolean converged) {}
