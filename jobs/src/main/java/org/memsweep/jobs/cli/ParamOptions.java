package org.memsweep.jobs.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.memsweep.engine.cell.Param;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * One command-line flag per cell parameter, named after its spec key ({@code --sigma-max}),
 * generated from {@link Param} so that flags, spec keys and columns can never drift apart.
 */
public final class ParamOptions {
    private ParamOptions() {}

    /** Adds --KEY for every parameter, with its meaning and default in the help text. */
    public static void addTo(CommandSpec spec) {
        for (Param p : Param.values()) {
            Object def = p.defaultValue();
            String shown = def instanceof Double dd && Double.isNaN(dd) ? "auto" : String.valueOf(def);
            spec.addOption(OptionSpec.builder("--" + p.key())
                    .paramLabel("<" + p.type().name().toLowerCase(java.util.Locale.ROOT) + ">")
                    .type(String.class)
                    .description(p.doc() + " (default: " + shown + ")")
                    .build());
        }
    }

    /** The parameters given on the command line, by spec key, as strings (the engine coerces them). */
    public static Map<String, Object> given(CommandSpec spec) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Param p : Param.values()) {
            OptionSpec o = spec.findOption("--" + p.key());
            if (o != null && !o.originalStringValues().isEmpty()) m.put(p.key(), o.getValue());
        }
        return m;
    }
}
