package org.memsweep.jobs.cli;

import picocli.CommandLine.Command;

/** {@code memsweep experiment …}: the paper's experiments (science.md §7), one subcommand each. */
@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = "The paper's experiments (arXiv 2506.19031), each beside the paper's numbers; tables under --out/experiments/.",
        subcommands = {VirtualPointsCommand.class, FlowsCommand.class})
public final class ExperimentCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
