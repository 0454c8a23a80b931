package org.memsweep.engine.cell;

import org.memsweep.engine.Choice;

/** The flow a cell integrates (science.md §4): parameter {@code flow}. */
public enum FlowKind implements Choice {
    /** The probability-flow ODE over a Karras schedule of noise levels. */
    PROBABILITY,
    /** Fixed-σ iteration y ← y + η (h_σ(y) − y) to a fixed point. */
    SCORE;

    /** The choice spelled {@code value} in the spec. */
    public static FlowKind parse(String value) {
        return Choice.parse("flow", FlowKind.class, value);
    }
}
