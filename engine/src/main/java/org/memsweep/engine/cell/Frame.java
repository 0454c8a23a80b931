package org.memsweep.engine.cell;

import org.memsweep.engine.Choice;

/** The frame in which the classification measures its L∞ distances (science.md §6): parameter {@code frame}. */
public enum Frame implements Choice {
    /** The data set's construction frame, its random rotation undone. */
    DATA("data"),
    /** The ambient coordinates the flow runs in. */
    AMBIENT("ambient");

    private final String key;

    Frame(String key) {
        this.key = key;
    }

    @Override
    public String key() {
        return key;
    }

    /** The choice spelled {@code value} in the spec. */
    public static Frame parse(String value) {
        return Choice.parse("frame", Frame.class, value);
    }
}
