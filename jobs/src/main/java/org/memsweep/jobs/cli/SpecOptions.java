package org.memsweep.jobs.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.memsweep.engine.InvalidParameterException;
import org.memsweep.jobs.sweep.SweepSpec;
import picocli.CommandLine.Option;

/** The options of the commands that read a sweep spec (sweep, bank): a file or a preset, then --set overrides. */
public final class SpecOptions {
    @Option(names = "--spec", paramLabel = "<file>", description = "YAML or JSON spec file")
    Path specFile;

    @Option(names = "--preset", paramLabel = "<name>", description = "a shipped preset: default, paper-fig3, paper-fig3-trained, scale")
    String preset;

    @Option(names = "--set", paramLabel = "<key=value>", description = "override a spec field; lists as key=[a,b,c]; repeatable")
    List<String> sets = new ArrayList<>();

    /**
     * The spec's fields with the overrides applied; {@code defaultPreset} when neither --spec nor
     * --preset is given (null: one of them is required).
     */
    Map<String, Object> raw(String defaultPreset) {
        if (specFile == null && preset == null && defaultPreset == null) {
            throw new InvalidParameterException("spec", null, "--spec FILE or --preset NAME");
        }
        if (specFile != null && preset != null) throw new InvalidParameterException("preset", preset, "either --spec or --preset, not both");
        Map<String, Object> raw = new LinkedHashMap<>(specFile != null ? SweepSpec.read(specFile)
                : SweepSpec.preset(preset != null ? preset : defaultPreset));
        SweepSpec.applyOverrides(raw, sets);
        return raw;
    }
}
