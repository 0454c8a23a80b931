package org.memsweep.engine.cell;

import org.memsweep.engine.Choice;

/** Whether the data set is rotated (science.md §2): parameter {@code rotation}. */
public enum RotationKind implements Choice {
    /** Axis-aligned directions. */
    NONE,
    /** One Haar-random rotation of the whole data set. */
    RANDOM;

    /** The choice spelled {@code value} in the spec. */
    public static RotationKind parse(String value) {
        return Choice.parse("rotation", RotationKind.class, value);
    }
}
