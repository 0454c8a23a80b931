package org.memsweep.engine;

import java.util.Locale;
import java.util.StringJoiner;

/**
 * A value of a parameter with a fixed set of choices (an enum), spelled in the spec, on the command
 * line and in the tables by {@link #key()}.
 */
public interface Choice {
    /**
     * The spec spelling, e.g. {@code data-mean}: by default the constant's name in lower case with
     * '-' for '_' (DATA_MEAN), so that a spelling and its constant cannot drift apart.
     */
    default String key() {
        return ((Enum<?>) this).name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The choice of {@code type} spelled {@code value}; otherwise the one message every choice
     * parameter gives: "PARAMETER = VALUE is not allowed: one of A, B, C".
     */
    static <E extends Enum<E> & Choice> E parse(String parameter, Class<E> type, String value) {
        StringJoiner allowed = new StringJoiner(", ", "one of ", "");
        for (E e : type.getEnumConstants()) {
            if (e.key().equals(value)) return e;
            allowed.add(e.key());
        }
        throw new InvalidParameterException(parameter, value, allowed.toString());
    }
}
