package org.memsweep.jobs.cli;

import picocli.CommandLine.Option;

/** The options of the commands that read a sweep's tables: where they are and which Spark to use. */
public final class TablesOptions {
    @Option(names = "--out", paramLabel = "<path>", description = "output root of a sweep (default: ${DEFAULT-VALUE})", defaultValue = "results")
    String out;

    @Option(names = "--master", paramLabel = "<url>", description = "Spark master (default: local[*])")
    String master;
}
