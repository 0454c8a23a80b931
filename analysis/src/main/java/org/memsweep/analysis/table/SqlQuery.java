package org.memsweep.analysis.table;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.analysis.UnresolvedExecuteImmediate;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.SubqueryExpression;
import org.apache.spark.sql.catalyst.parser.SqlBaseLexer;
import org.apache.spark.sql.catalyst.plans.QueryPlan;
import org.apache.spark.sql.catalyst.plans.logical.Call;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.DescribeColumn;
import org.apache.spark.sql.catalyst.plans.logical.DescribeFunction;
import org.apache.spark.sql.catalyst.plans.logical.DescribeRelation;
import org.apache.spark.sql.catalyst.plans.logical.InsertIntoDir;
import org.apache.spark.sql.catalyst.plans.logical.InsertIntoStatement;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.ScriptTransformation;
import org.apache.spark.sql.catalyst.plans.logical.ShowColumns;
import org.apache.spark.sql.catalyst.plans.logical.ShowFunctions;
import org.apache.spark.sql.catalyst.plans.logical.ShowTables;
import org.apache.spark.sql.catalyst.plans.logical.ShowViews;
import org.apache.spark.sql.execution.SparkSqlParser;
import org.apache.spark.sql.execution.command.DescribeQueryCommand;
import org.apache.spark.sql.execution.command.ExplainCommand;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Spark SQL over the tables of one output root: each table folder that holds data becomes a
 * temporary view of the same name ({@code trajectories}, {@code cells}, {@code runs}, {@code bank}),
 * so a query reads like {@code SELECT n, avg(frac_memorized) FROM cells GROUP BY n}.
 *
 * <p>The output root is any Hadoop path ({@code results}, {@code file:///…}, {@code hdfs://…},
 * {@code s3a://…}); tables that are missing or still empty are skipped without a word, because a
 * fresh root (no {@code bank/}) is normal.
 *
 * <p>Queries only read (design.md, "Analysis reads only the tables, and never writes them"):
 * {@link #requireReadOnly(String)} refuses every statement that is not a query, and a query that
 * runs a script ({@code TRANSFORM … USING}) or calls Java ({@code reflect}, {@code java_method}).
 */
public final class SqlQuery {
    private SqlQuery() {}

    /**
     * Checks {@code sql} is read-only ({@link #requireReadOnly(String)}), registers the views for
     * {@code outRoot} and runs it; errors surface as Spark's exceptions.
     */
    public static Dataset<Row> run(SparkSession spark, String outRoot, String sql) {
        requireReadOnly(sql);
        // reflect() and friends call any static Java method, e.g. one that writes a file.
        var registry = ((org.apache.spark.sql.classic.SparkSession) spark).sessionState().functionRegistry();
        for (FunctionIdentifier f : CollectionConverters.asJava(registry.listFunction())) {
            if (JAVA_CALLING_FUNCTIONS.contains(f.funcName().toLowerCase(Locale.ROOT))) {
                registry.dropFunction(f);
            }
        }
        registerViews(spark, outRoot);
        return spark.sql(sql);
    }

    /** Built-in functions that call arbitrary Java methods; removed from the session that runs a query. */
    static final List<String> JAVA_CALLING_FUNCTIONS = List.of("reflect", "java_method", "try_reflect");

    /** What {@code sql} accepts, for the refusal message and the README. */
    public static final String ALLOWED = "queries (SELECT, WITH, VALUES, TABLE, FROM), SHOW TABLES, SHOW VIEWS, "
            + "SHOW COLUMNS, SHOW FUNCTIONS, DESCRIBE and EXPLAIN of a query";

    /** First words a read-only statement may start with (a positive list: an unknown statement kind is refused). */
    private static final Set<String> READ_ONLY_FIRST_WORDS =
            Set.of("SELECT", "WITH", "VALUES", "TABLE", "FROM", "(", "SHOW", "DESCRIBE", "DESC", "EXPLAIN");

    /**
     * Refuses anything but a read-only statement, from Spark's own parse of it and without a
     * SparkSession (so a refusal happens before Spark starts and cannot write anything).
     *
     * <p>Accepted: a query whose plan holds no command, insert, script transformation, procedure
     * call or EXECUTE IMMEDIATE anywhere (CTEs and subqueries included); SHOW TABLES / VIEWS /
     * COLUMNS / FUNCTIONS; DESCRIBE of a table, column, function or query; EXPLAIN of a query.
     * Everything else (INSERT, CREATE, DROP, CACHE, SET, ADD JAR, USE, …) is refused.
     *
     * @throws IllegalArgumentException naming the statement kind and what is allowed
     * @throws org.apache.spark.sql.catalyst.parser.ParseException when it is not valid SQL
     */
    public static void requireReadOnly(String sql) {
        LogicalPlan plan = new SparkSqlParser().parsePlan(sql);
        String refused = refusedKind(plan);
        if (refused == null && !READ_ONLY_FIRST_WORDS.contains(firstWord(sql))) {
            refused = firstWord(sql);
        }
        if (refused != null) {
            throw new IllegalArgumentException(refused + " is not allowed: sql only reads the tables; allowed are "
                    + ALLOWED);
        }
    }

    /** The kind of the first statement in {@code plan} that is not read-only, or null when all are. */
    private static String refusedKind(LogicalPlan plan) {
        if (plan instanceof ExplainCommand e) {
            return nonQuery(e.logicalPlan());
        }
        if (plan instanceof DescribeQueryCommand d) {
            return nonQuery(d.plan());
        }
        if (plan instanceof ShowTables || plan instanceof ShowViews || plan instanceof ShowColumns
                || plan instanceof ShowFunctions || plan instanceof DescribeRelation
                || plan instanceof DescribeColumn || plan instanceof DescribeFunction) {
            return null;
        }
        return nonQuery(plan);
    }

    /**
     * The kind of the first node of a would-be query that does more than read: any command, and
     * the write or execute nodes Spark does not mark as commands. Walks children, CTE definitions
     * (inner children) and subqueries inside expressions.
     */
    private static String nonQuery(QueryPlan<?> plan) {
        if (plan instanceof Command || plan instanceof InsertIntoStatement || plan instanceof InsertIntoDir
                || plan instanceof ScriptTransformation || plan instanceof Call
                || plan instanceof UnresolvedExecuteImmediate) {
            return kind(plan);
        }
        List<QueryPlan<?>> next = new ArrayList<>();
        for (Object c : CollectionConverters.asJava(plan.children())) {
            next.add((QueryPlan<?>) c);
        }
        for (Object c : CollectionConverters.asJava(plan.innerChildren())) {
            if (c instanceof QueryPlan<?> q) {
                next.add(q);
            }
        }
        for (Expression e : CollectionConverters.asJava(plan.expressions())) {
            collectSubqueries(e, next);
        }
        for (QueryPlan<?> q : next) {
            String k = nonQuery(q);
            if (k != null) {
                return k;
            }
        }
        return null;
    }

    private static void collectSubqueries(Expression e, List<QueryPlan<?>> out) {
        if (e instanceof SubqueryExpression s) {
            out.add(s.plan());
        }
        for (Expression c : CollectionConverters.asJava(e.children())) {
            collectSubqueries(c, out);
        }
    }

    /** A node's statement kind for a message, e.g. {@code INSERT INTO}, {@code CREATE TABLE}, {@code DROP VIEW}. */
    private static String kind(QueryPlan<?> plan) {
        if (plan instanceof InsertIntoStatement i) {
            return i.overwrite() ? "INSERT OVERWRITE" : "INSERT INTO";
        }
        if (plan instanceof InsertIntoDir) {
            return "INSERT OVERWRITE DIRECTORY";
        }
        if (plan instanceof ScriptTransformation) {
            return "TRANSFORM (runs a script)";
        }
        String name = plan.getClass().getSimpleName().replace("$", "")
                .replaceFirst("^Unresolved", "").replaceFirst("(Command|Statement)$", "");
        return name.replaceAll("([a-z])([A-Z])", "$1 $2").toUpperCase(Locale.ROOT);
    }

    /** The statement's first token, comments skipped, upper-cased (Spark's lexer, so comments count as Spark counts them). */
    private static String firstWord(String sql) {
        SqlBaseLexer lexer = new SqlBaseLexer(CharStreams.fromString(sql));
        lexer.removeErrorListeners();
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
            if (t.getChannel() == Token.DEFAULT_CHANNEL) {
                return t.getText().toUpperCase(Locale.ROOT);
            }
        }
        return "";
    }

    /** Registers a temporary view for every table under {@code outRoot} that has data; returns their names. */
    public static List<String> registerViews(SparkSession spark, String outRoot) {
        List<String> registered = new ArrayList<>();
        for (String table : Columns.TABLES) register(spark, outRoot, table, table, registered);
        // Experiment tables live one folder down; their view is the folder's last name.
        for (String table : EXPERIMENT_TABLES) register(spark, outRoot, table, experimentView(table), registered);
        return registered;
    }

    private static void register(SparkSession spark, String outRoot, String table, String view, List<String> registered) {
        Optional<Dataset<Row>> ds = read(spark, outRoot, table);
        if (ds.isPresent()) {
            ds.get().createOrReplaceTempView(view);
            registered.add(view);
        } else {
            // A view left over from another output root in the same session would answer for this one.
            spark.catalog().dropTempView(view);
        }
    }

    /** Table of {@code memsweep experiment virtual-points} under an output root (view {@code virtual_points}). */
    public static final String VIRTUAL_POINTS_TABLE = "experiments/virtual_points";

    /** Table of {@code memsweep experiment flows} under an output root (view {@code flows}). */
    public static final String FLOWS_TABLE = "experiments/flows";

    /** Every experiment's table, one folder below the output root. */
    public static final List<String> EXPERIMENT_TABLES = List.of(VIRTUAL_POINTS_TABLE, FLOWS_TABLE);

    /** The view of an experiment table: its folder's last name ({@code virtual_points}, {@code flows}). */
    public static String experimentView(String table) {
        return table.substring(table.lastIndexOf('/') + 1);
    }

    /**
     * One table under {@code outRoot} read as Parquet, or empty when the folder is missing or holds
     * no data file yet. Trajectories come as the view every reader sees: committed rows only, with
     * their cell's parameters joined from cells/ ({@link #committed}).
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
     * The trajectories view: only the trajectories a cell has committed (those of cells with a
     * {@code cells/} row, below its {@code seeds}; rows of a sweep still running, or interrupted,
     * stay out of every query), each with its cell's parameter columns. The files hold only run_id,
     * cell_id, n and the results ({@link Columns#TRAJECTORY_KEY_COLUMNS}); the other parameters come
     * from the cell's row, in the columns' usual place (after cell_id), so the view has the columns
     * a row always had. A parameter the files do hold (n; every one in roots of format 3 and
     * earlier) is taken from the files.
     */
    private static Dataset<Row> committed(Dataset<Row> trajectories, Optional<Dataset<Row>> cells) {
        if (cells.isEmpty()) {
            return trajectories.where("false");
        }
        Set<String> own = Set.of(trajectories.columns());
        List<String> joined = new ArrayList<>();
        for (String p : Columns.parameterColumns(cells.get().schema())) {
            if (!own.contains(p)) {
                joined.add(p);
            }
        }
        List<String> cellColumns = new ArrayList<>(List.of(Columns.CELL_ID + " AS c_cell_id", Columns.SEEDS + " AS c_seeds"));
        cellColumns.addAll(joined);
        // cells/ is one row per cell: broadcast, so the join never shuffles the trajectories.
        Dataset<Row> c = org.apache.spark.sql.functions.broadcast(cells.get().selectExpr(cellColumns.toArray(new String[0])));
        Dataset<Row> j = trajectories.join(c, trajectories.col(Columns.CELL_ID).equalTo(c.col("c_cell_id"))
                .and(trajectories.col(Columns.SEED_INDEX).lt(c.col("c_seeds"))), "inner");
        List<org.apache.spark.sql.Column> out = new ArrayList<>();
        for (String col : trajectories.columns()) {
            out.add(trajectories.col(col));
            if (col.equals(Columns.CELL_ID)) {
                for (String p : joined) {
                    out.add(c.col(p));
                }
            }
        }
        return j.select(out.toArray(new org.apache.spark.sql.Column[0]));
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
