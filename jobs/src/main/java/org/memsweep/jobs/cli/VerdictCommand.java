package org.memsweep.jobs.cli;

import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.memsweep.analysis.render.VerdictText;
import org.memsweep.analysis.table.Columns;
import org.memsweep.analysis.table.SqlQuery;
import org.memsweep.analysis.verdict.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code memsweep verdict}: the memorization-vs-N trend test per series, and the bug signals. */
@Command(name = "verdict", mixinStandardHelpOptions = true,
        description = "For every series of cells (same parameters, several n): one-sided Cochran–Armitage test of the memorized "
                + "fraction falling with n; and every cell whose estimate is more than 4 standard errors from its exact prediction.")
public final class VerdictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TablesOptions tables;

    @Override
    public Integer call() {
        Output.requireTables(tables.out);
        SparkSession spark = Spark.session("memsweep verdict", tables.master, false);
        try {
            Verdict v = Verdict.compute(SqlQuery.read(spark, tables.out, Columns.CELLS).orElseThrow());
            spec.commandLine().getOut().print(VerdictText.render(v));
            spec.commandLine().getOut().flush();
            return 0;
        } finally {
            spark.stop();
        }
    }
}
