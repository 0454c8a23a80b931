package org.memsweep.jobs.cli;

import java.util.regex.Pattern;
import org.memsweep.engine.InvalidParameterException;

/** Checks a {@code --master} before Spark starts, so a typo is one line instead of Spark's stack trace. */
public final class MasterUrl {
    private static final String POS = "[1-9][0-9]*";
    private static final String HOST_PORT = "[^\\s:/,]+:[0-9]{1,5}";
    private static final Pattern VALID = Pattern.compile(String.join("|",
            "local",
            "local\\[(?:\\*|" + POS + ")\\]",
            "local\\[(?:\\*|" + POS + ")," + POS + "\\]",
            "local-cluster\\[" + POS + "," + POS + "," + POS + "\\]",
            "spark://" + HOST_PORT + "(?:," + HOST_PORT + ")*",
            "yarn",
            "k8s://(?:https?://)?" + HOST_PORT + "/?"));

    /** The forms accepted, for the message. */
    static final String FORMS = "local, local[K], local[*], local[K,F], local-cluster[N,C,M], spark://host:port, yarn, "
            + "k8s://https://host:port (K, F, N, C, M integers ≥ 1)";

    private MasterUrl() {}

    /** Throws {@link InvalidParameterException} unless {@code master} is one of {@link #FORMS}; null is fine (the default). */
    public static void check(String master) {
        if (master != null && !VALID.matcher(master).matches()) {
            throw new InvalidParameterException("master", master, "one of " + FORMS);
        }
    }
}
