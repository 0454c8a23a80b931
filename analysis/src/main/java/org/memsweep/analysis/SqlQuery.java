package org.memsweep.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Spark SQL over the tables of one output root: each table folder that holds data becomes a
 * temporary view of the same name ({@code trajectories}, {@code cells}, {@code runs}, {@code bank}),
 * so a query reads like {@code SELECT n, avg(frac_memorized) FROM cells GROUP BY n}.
 *
 * <p>The output root is any Hadoop path ({@code results}, {@code file:///…}, {@code hdfs://…},
 * {@code s3a://…}); tables that are missing or still empty are skipped without a word, because a
 * fresh root (no {@code bank/}) is normal.
 */
public final class SqlQuery {
    private SqlQuery() {}

    /** Registers the views for {@code outRoot} and runs {@code sql}; errors surface as Spark's exceptions. */
    public static Dataset<Row> run(SparkSession spark, String outRoot, String sql) {
        registerViews(spark, outRoot);
        return spark.sql(sql);
    }

    /** Registers a temporary view for every table under {@code outRoot} that has data; returns their names. */
    public static List<String> registerViews(SparkSession spark, String outRoot) {
        List<String> registered = new ArrayList<>();
        for (String table : Columns.TABLES) {
            Optional<Dataset<Row>> ds = read(spark, outRoot, table);
            if (ds.isPresent()) {
                ds.get().createOrReplaceTempView(table);
                registered.add(table);
            } else {
                // A view left over from another output root in the same session would answer for this one.
                spark.catalog().dropTempView(table);
            }
        }
        return registered;
    }

    /**
     * One table under {@code outRoot} read as Parquet (trajectories with their {@code n=…}
     * partition column, committed rows only), or empty when the folder is missing or holds no data file yet.
     */
    public static Optional<Dataset<Row>> read(SparkSession spark, String outRoot, String table) {
        Path dir = new Path(outRoot, table);
        if (!hasDataFile(spark, dir)) {
            return Optional.empty();
        }
        Dataset<Row> t = spark.read().parquet(dir.toString());
        return Optional.of(table.equals(Columns.TRAJECTORIES) ? committed(t, read(spark, outRoot, Columns.CELLS)) : t);
    }

    /**
     * Only the trajectories a cell has committed: those of cells with a {@code cells/} row, below
     * its {@code seeds}. Rows of a sweep still running, or interrupted, stay out of every query.
     */
    private static Dataset<Row> committed(Dataset<Row> trajectories, Optional<Dataset<Row>> cells) {
        if (cells.isEmpty()) {
            return trajectories.where("false");
        }
        Dataset<Row> c = cells.get().selectExpr(Columns.CELL_ID + " AS c_cell_id", Columns.SEEDS + " AS c_seeds");
        return trajectories.join(c, trajectories.col(Columns.CELL_ID).equalTo(c.col("c_cell_id"))
                .and(trajectories.col(Columns.SEED_INDEX).lt(c.col("c_seeds"))), "left_semi");
    }

    /** True when some non-hidden file lies under {@code dir}; stops at the first one found. */
    private static boolean hasDataFile(SparkSession spark, Path dir) {
        try {
            FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(dir)) {
                return false;
            }
            RemoteIterator<LocatedFileStatus> files = fs.listFiles(dir, true);
            while (files.hasNext()) {
                Path p = files.next().getPath();
                if (!isHidden(dir, p)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Spark ignores files and folders starting with '_' or '.' (markers, checksums, staging). */
    private static boolean isHidden(Path root, Path file) {
        for (Path p = file; p != null && !p.equals(root) && p.depth() > root.depth(); p = p.getParent()) {
            String name = p.getName();
            if (name.startsWith("_") || name.startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /**
     * A bad query's error as one line, without the stack trace, the SQL excerpt or the query plan
     * that Spark appends to its messages, e.g.
     * <pre>[PARSE_SYNTAX_ERROR] Syntax error at or near 'SELEC'. SQLSTATE: 42601; line 1 pos 0</pre>
     * Spark's own errors keep their error class, SQLSTATE and position; any other exception is
     * prefixed with its class name. A wrapped Spark error (e.g. in an ExecutionException) is unwrapped.
     */
    public static String describeError(Throwable error) {
        Throwable e = error;
        while (!(e instanceof SparkThrowable) && e.getCause() != null && e.getCause() != e) {
            e = e.getCause();
        }
        if (!(e instanceof SparkThrowable)) {
            e = error;
        }
        // getSimpleMessage is the message with its position but without the logical plan.
        String message = e instanceof AnalysisException ae ? ae.getSimpleMessage() : e.getMessage();
        String first = message == null ? "" : message.strip().lines().findFirst().orElse("").strip();
        if (e instanceof AnalysisException ae && ae.line().isDefined() && ae.startPosition().isDefined()) {
            // Multi-line messages (e.g. TABLE_OR_VIEW_NOT_FOUND) put the position on their last line.
            String where = "line " + ae.line().get() + " pos " + ae.startPosition().get();
            if (!first.contains(where)) {
                first = first + " (" + where + ")";
            }
        }
        if (e instanceof SparkThrowable) {
            return first.isEmpty() ? e.getClass().getSimpleName() : first;
        }
        return first.isEmpty() ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + first;
    }
}
