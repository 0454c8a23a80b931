package org.memsweep.engine.cell;

import org.memsweep.engine.Choice;

/**
 * Whether a cell may run on bank networks that missed their training tolerance (science.md §3.4):
 * parameter {@code allow-untolerated}, applying to cells with a trained denoiser only.
 */
public enum AllowUntolerated implements Choice {
    /** Refuse such a cell before the sweep starts (the default). */
    NO,
    /** Use the networks anyway; the cell's row records the permission. */
    YES;

    /** The choice spelled {@code value} in the spec. */
    public static AllowUntolerated parse(String value) {
        return Choice.parse("allow-untolerated", AllowUntolerated.class, value);
    }
}
