package org.memsweep.jobs.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.memsweep.analysis.report.ReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code memsweep report}: one self-contained HTML page with the verdict and plots of a sweep, the
 * paper's experiments (science.md §7) and the denoiser bank (§3.4), each when its table is there.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Writes a self-contained index.html (plots embedded, opens offline) from the tables under --out: "
                + "a sweep's, the experiments', the bank's, whichever are there.")
public final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TablesOptions tables;

    @Option(names = "--to", paramLabel = "<dir>", description = "folder for index.html (default: ${DEFAULT-VALUE}); not inside an output root except its report/ folder; "
            + "an index.html already there is replaced only if memsweep wrote it", defaultValue = "report")
    Path to;

    @Override
    public Integer call() throws Exception {
        // A sweep, an experiment's table or a bank: the page shows whichever are there.
        Output.requireTables(tables.out, true);
        // Before Spark starts: a refused destination leaves nothing behind.
        ReportWriter.checkDestination(to);
        System.setProperty("java.awt.headless", "true");
        SparkSession spark = Spark.session("memsweep report", tables.master, false);
        try {
            Path index = ReportWriter.write(spark, tables.out, to);
            spec.commandLine().getOut().println("report: " + index.toAbsolutePath());
            spec.commandLine().getOut().flush();
            return 0;
        } finally {
            spark.stop();
        }
    }
}
