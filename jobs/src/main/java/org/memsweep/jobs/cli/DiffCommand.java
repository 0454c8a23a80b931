package org.memsweep.jobs.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.memsweep.analysis.table.TableDiff;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code memsweep diff}: are two output roots the same results? */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Compares the trajectories and cells of two output roots row for row (run ids and timings left out). "
                + "Exit code 0 when they are identical, 1 when they differ."})
public final class DiffCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TablesOptions tables;

    @Option(names = "--against", paramLabel = "<path>", required = true, description = "the other output root")
    String against;

    @Override
    public Integer call() {
        Output.requireTables(tables.out);
        Output.requireTables(against);
        SparkSession spark = Spark.session("memsweep diff", tables.master, false);
        try {
            List<TableDiff> diffs = TableDiff.compare(spark, tables.out, against);
            PrintWriter o = spec.commandLine().getOut();
            boolean same = true;
            for (TableDiff d : diffs) {
                same &= d.identical();
                o.printf(Locale.ROOT, "%-13s %10d rows vs %10d rows: %s%n", d.table(), d.rowsA(), d.rowsB(), d.identical()
                        ? "identical" : d.onlyInA() + " only in --out, " + d.onlyInB() + " only in --against");
            }
            o.println(same ? "identical results" : "the results differ");
            o.flush();
            return same ? 0 : 1;
        } finally {
            spark.stop();
        }
    }
}
