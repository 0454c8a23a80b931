package org.memsweep.jobs.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.memsweep.analysis.table.SqlQuery;
import org.memsweep.analysis.render.TableFormatter;
import org.memsweep.engine.InvalidParameterException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code memsweep sql}: Spark SQL over the tables of an output root. */
@Command(name = "sql", mixinStandardHelpOptions = true,
        description = {"Runs a read-only Spark SQL query over the views trajectories, cells, runs (and bank when present) of --out.",
                "Allowed: " + SqlQuery.ALLOWED + ". Anything else (INSERT, CREATE, DROP, CACHE, SET, ...) is refused."})
public final class SqlCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TablesOptions tables;

    @Option(names = "--format", paramLabel = "<fmt>", description = "table, csv or json (default: ${DEFAULT-VALUE})", defaultValue = "table")
    String format;

    @Parameters(paramLabel = "<query>", arity = "1..*", description = "the SQL query (words are joined with spaces)")
    List<String> query;

    @Override
    public Integer call() {
        TableFormatter.Format fmt;
        try {
            fmt = TableFormatter.Format.parse(format);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("format", format, "one of table, csv, json");
        }
        String sql = String.join(" ", query);
        try {
            // Before Spark starts: a refused or malformed statement cannot write anything.
            SqlQuery.requireReadOnly(sql);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            spec.commandLine().getErr().println("memsweep sql: " + SqlQuery.describeError(e));
            return 2;
        }
        Output.requireTables(tables.out, true);
        SparkSession spark = Spark.session("memsweep sql", tables.master, false);
        PrintWriter o = spec.commandLine().getOut();
        try {
            Dataset<Row> rows = SqlQuery.run(spark, tables.out, sql);
            StringBuilder sb = new StringBuilder();
            TableFormatter.write(rows, fmt, sb);
            o.print(sb);
            o.flush();
            return 0;
        } catch (Exception e) {
            spec.commandLine().getErr().println("memsweep sql: " + SqlQuery.describeError(e));
            return 2;
        } finally {
            spark.stop();
        }
    }
}
