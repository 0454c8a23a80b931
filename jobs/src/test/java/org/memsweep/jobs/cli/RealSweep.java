package org.memsweep.jobs.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.memsweep.jobs.Main;
import picocli.CommandLine;

/** A small real sweep run once per test JVM through the command line, for the commands that read tables. */
final class RealSweep {
    /** 3 cells (n = 2, 3, 5) × 400 seeds of the default preset's probability flow in d = 8. */
    static final int CELLS = 3, SEEDS = 400;
    /** Training settings of a network too small to matter (seconds, not minutes): for tests of the commands, not the science. */
    static final String TINY_TRAINING = "width=8;copies=2;max-steps=20;phase-steps=10";
    private static Path out;

    private RealSweep() {}

    static synchronized Path out() throws Exception {
        if (out == null) {
            Path dir = Files.createTempDirectory("memsweep-real-sweep");
            // Shared by several test classes for the whole JVM, so no class's @AfterAll may delete it: the JVM does, on exit.
            LocalFolders.deleteOnExit(dir);
            Result r = run("sweep", "--out", dir.resolve("results").toString(), "--master", "local[2]", "--quiet",
                    "--set", "d=8", "--set", "n=[2,3,5]", "--set", "flow=probability", "--set", "seeds=" + SEEDS);
            if (r.code() != 0) throw new IllegalStateException("the sweep failed: " + r.err() + r.out());
            out = dir.resolve("results");
        }
        return out;
    }

    record Result(int code, String out, String err) {}

    /** Runs the command line in this JVM, capturing what it prints. */
    static Result run(String... args) {
        StringWriter o = new StringWriter(), e = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(o, true));
        cl.setErr(new PrintWriter(e, true));
        int code = cl.execute(args);
        return new Result(code, o.toString(), e.toString());
    }
}
