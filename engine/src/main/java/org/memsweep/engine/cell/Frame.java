package org.memsweep.engine.cell;

import org.memsweep.engine.Choice;

/** The frame in which the classification measures its L∞ distances (science.md §6): parameter {@code frame}. */
public enum Frame implements Choice {
    /** The data set's construction frame, its random rotation undone. */
    DATA,
    /** The ambient coordinates the flow runs in. */
    AMBIENT;

    /** The choice spelled {@code value} in the spec. */
    public static Frame parse(String value) {
        return Choice.parse("frame", Frame.class, value);
    }
}
