package org.memsweep.jobs;

import org.memsweep.engine.InvalidParameterException;
import org.memsweep.jobs.cli.BankCommand;
import org.memsweep.jobs.cli.BenchCommand;
import org.memsweep.jobs.cli.ExperimentCommand;
import org.memsweep.jobs.cli.ParamOptions;
import org.memsweep.jobs.cli.SimulateCommand;
import org.memsweep.jobs.cli.SweepCommand;
import org.memsweep.jobs.cli.DiffCommand;
import org.memsweep.jobs.cli.SqlCommand;
import org.memsweep.jobs.cli.ReportCommand;
import org.memsweep.jobs.cli.VerdictCommand;
import org.memsweep.jobs.sweep.DataFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: {@code memsweep <command> …}. Bad input: one message on stderr, exit code 2. */
@Command(name = "memsweep", mixinStandardHelpOptions = true, version = "memsweep 0.1.0",
        description = "Monte Carlo sweeps of probability flows of min-norm shallow ReLU denoisers (arXiv 2506.19031).",
        subcommands = {SweepCommand.class, SqlCommand.class, VerdictCommand.class, ReportCommand.class, DiffCommand.class, SimulateCommand.class, BenchCommand.class, BankCommand.class,
                ExperimentCommand.class})
public final class Main implements Runnable {
    /** Exit code for bad input. */
    public static final int BAD_INPUT = 2;

    /** Exit code for an unexpected error (a bug): one line, the stack trace in a temp file. */
    public static final int UNEXPECTED = 1;

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** Builds the command line with every parameter flag attached. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        ParamOptions.addTo(cl.getSubcommands().get("simulate").getCommandSpec());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            // After Ctrl-C the sweep has said so in one line; what fails while Spark stops is noise.
            if (SweepCommand.interrupted()) return SweepCommand.INTERRUPTED;
            String name = cmd.getCommandSpec().qualifiedName() + ": ";
            DataFiles.DamagedFileException damaged = DataFiles.fromReadFailure(ex);
            if (damaged != null) {
                cmd.getErr().println(name + damaged.getMessage());
                return BAD_INPUT;
            }
            if (ex instanceof InvalidParameterException || ex instanceof IllegalArgumentException) {
                cmd.getErr().println(name + ex.getMessage());
                return BAD_INPUT;
            }
            cmd.getErr().println(name + "unexpected error: " + firstLine(ex) + "; details in " + details(ex) + "; please report it");
            return UNEXPECTED;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            String name = cmd.getCommandSpec().qualifiedName(); // "memsweep" or "memsweep sweep"
            // Not a command: name the ones there are.
            String allowed = cmd.getParent() == null && !cmd.getSubcommands().isEmpty()
                    ? "; the commands are " + String.join(", ", cmd.getSubcommands().keySet()) : "";
            cmd.getErr().println(name + ": " + ex.getMessage() + allowed + " (see '" + name + " --help')");
            return BAD_INPUT;
        });
        return cl;
    }

    /** The first line of an exception's message, or its type when it has none. */
    static String firstLine(Throwable ex) {
        String m = ex.getMessage();
        if (m == null || m.isBlank()) return ex.getClass().getName();
        return m.strip().lines().findFirst().orElse(m);
    }

    /** Writes the stack trace to a temp file and returns its path (or says where it could not go). */
    static String details(Throwable ex) {
        try {
            java.nio.file.Path f = java.nio.file.Files.createTempFile("memsweep-error-", ".txt");
            java.io.StringWriter w = new java.io.StringWriter();
            ex.printStackTrace(new java.io.PrintWriter(w));
            java.nio.file.Files.writeString(f, w.toString());
            return f.toString();
        } catch (java.io.IOException | RuntimeException e) {
            return "(no file: " + e.getMessage() + ")";
        }
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
