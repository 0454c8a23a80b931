package org.memsweep.jobs;

import org.memsweep.engine.InvalidParameterException;
import org.memsweep.jobs.cli.BenchCommand;
import org.memsweep.jobs.cli.ParamOptions;
import org.memsweep.jobs.cli.SimulateCommand;
import org.memsweep.jobs.cli.SweepCommand;
import org.memsweep.jobs.cli.DiffCommand;
import org.memsweep.jobs.cli.SqlCommand;
import org.memsweep.jobs.cli.ReportCommand;
import org.memsweep.jobs.cli.VerdictCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: {@code memsweep <command> …}. Bad input: one message on stderr, exit code 2. */
@Command(name = "memsweep", mixinStandardHelpOptions = true, version = "memsweep 0.1.0",
        description = "Monte Carlo sweeps of probability flows of min-norm shallow ReLU denoisers (arXiv 2506.19031).",
        subcommands = {SweepCommand.class, SqlCommand.class, VerdictCommand.class, ReportCommand.class, DiffCommand.class, SimulateCommand.class, BenchCommand.class})
public final class Main implements Runnable {
    /** Exit code for bad input. */
    public static final int BAD_INPUT = 2;

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** Builds the command line with every parameter flag attached. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        ParamOptions.addTo(cl.getSubcommands().get("simulate").getCommandSpec());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof InvalidParameterException || ex instanceof IllegalArgumentException) {
                cmd.getErr().println("memsweep " + cmd.getCommandName() + ": " + ex.getMessage());
                return BAD_INPUT;
            }
            throw ex;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            cmd.getErr().println("memsweep " + cmd.getCommandName() + ": " + ex.getMessage()
                    + " (see 'memsweep " + cmd.getCommandName() + " --help')");
            return BAD_INPUT;
        });
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
