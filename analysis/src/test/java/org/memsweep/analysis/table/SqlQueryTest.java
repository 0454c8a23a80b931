package org.memsweep.analysis.table;

import org.memsweep.analysis.render.TableFormatter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlQueryTest {
    @TempDir
    static Path tmp;
    static SparkSession spark;
    static String out;

    @BeforeAll
    static void fixture() throws Exception {
        spark = TableFixture.spark();
        out = TableFixture.standardRoot().toString();
    }

    @Test
    void registersTheTablesThatExistAndSkipsBank() {
        assertEquals(List.of("trajectories", "cells", "runs"), SqlQuery.registerViews(spark, out));
        assertFalse(spark.catalog().tableExists("bank"));
    }

    @Test
    void countsTrajectoriesPerPartition() {
        List<Row> rows = SqlQuery.run(spark, out,
                "SELECT n, count(*) AS c FROM trajectories GROUP BY n ORDER BY n").collectAsList();
        // n=4: d16 + d32 = 80; n=8: d16 + d32 + d64 = 120; n=16: 80.
        assertEquals(List.of(4, 8, 16), rows.stream().map(r -> r.getInt(0)).toList());
        assertEquals(List.of(80L, 120L, 80L), rows.stream().map(r -> r.getLong(1)).toList());
    }

    @Test
    void cellsAndTrajectoriesAgree() {
        // Memorized trajectories per cell equal the n_memorized column for every cell.
        Row r = SqlQuery.run(spark, out, """
                SELECT count(*), sum(CASE WHEN c.n_memorized = t.m THEN 1 ELSE 0 END)
                FROM cells c JOIN (SELECT cell_id, count_if(category IN ('APEX', 'TRAINING')) AS m
                                   FROM trajectories GROUP BY cell_id) t USING (cell_id)
                """).first();
        assertEquals(7L, r.getLong(0));
        assertEquals(7L, r.getLong(1));
        assertEquals(1L, SqlQuery.run(spark, out, "SELECT count(*) FROM runs").first().getLong(0));
        assertEquals(3L, SqlQuery.run(spark, out,
                "SELECT count(*) FROM trajectories WHERE category = 'VIRTUAL' AND n = 4 AND d = 16 AND vertex_order = 3")
                .first().getLong(0)); // that cell's 6 virtual rows alternate orders 2, 3, 2, 3, 2, 3
    }

    @Test
    void theTrajectoriesViewHasEveryParameterJoinedFromCells() throws Exception {
        // The files hold run_id, cell_id, n and the results; the view has the columns of a format-3 row.
        org.apache.spark.sql.types.StructType files = spark.read().parquet(out + "/trajectories").schema();
        assertEquals(List.of(Columns.N), Columns.parameterColumns(files));
        org.apache.spark.sql.Dataset<Row> view = SqlQuery.read(spark, out, Columns.TRAJECTORIES).orElseThrow();
        List<String> expected = new java.util.ArrayList<>(List.of(Columns.RUN_ID, Columns.CELL_ID));
        for (String p : Columns.KNOWN_PARAMETERS) if (!p.equals(Columns.N)) expected.add(p);
        for (var c : Columns.TRAJECTORY_COLUMNS) expected.add(c.name());
        expected.add(Columns.N); // the partition column comes last, as Spark reads it
        assertEquals(expected, List.of(view.columns()));
        assertEquals(280L, view.count());
        // each row has its own cell's parameters
        assertEquals(0L, SqlQuery.run(spark, out, "SELECT count(*) FROM trajectories t JOIN cells c USING (cell_id) "
                + "WHERE t.d <> c.d OR t.master_seed <> c.master_seed OR t.flow <> c.flow OR t.n <> c.n").first().getLong(0));
        assertEquals(40L, SqlQuery.run(spark, out, "SELECT count(*) FROM trajectories WHERE d = 64").first().getLong(0));

        // a root of table format 3 (every parameter on every row) reads as the same view, row for row
        Path old = tmp.resolve("format3");
        TableFixture.write(spark, old, TableFixture.standard(), TableFixture.trajectoriesSchema(true));
        org.apache.spark.sql.Dataset<Row> oldView = SqlQuery.read(spark, old.toString(), Columns.TRAJECTORIES).orElseThrow();
        assertEquals(List.of(view.columns()).stream().sorted().toList(), List.of(oldView.columns()).stream().sorted().toList());
        String[] cols = view.columns();
        assertEquals(0L, view.exceptAll(oldView.selectExpr(cols)).count());
        assertEquals(0L, oldView.selectExpr(cols).exceptAll(view).count());
    }

    @Test
    void resultsFormatAsCsv() {
        String csv = TableFormatter.format(SqlQuery.run(spark, out,
                "SELECT d, n, n_memorized FROM cells WHERE d = 16 ORDER BY n"), TableFormatter.Format.CSV);
        assertEquals("d,n,n_memorized\n16,4,30\n16,8,20\n16,16,8\n", csv);
    }

    @Test
    void emptyOrMissingTablesAreSkippedQuietly() throws Exception {
        Path other = tmp.resolve("fresh");
        Files.createDirectories(other.resolve("bank"));
        Files.writeString(other.resolve("bank").resolve("_SUCCESS"), "");
        assertEquals(List.of(), SqlQuery.registerViews(spark, other.toString()));
        // Views of the previous root are gone, so a query cannot silently read the wrong data.
        assertFalse(spark.catalog().tableExists("cells"));
        SqlQuery.registerViews(spark, out);
    }

    @Test
    void syntaxErrorIsOneLine() {
        AnalysisException e = assertThrows(AnalysisException.class,
                () -> SqlQuery.run(spark, out, "SELEC n FROM cells"));
        String msg = SqlQuery.describeError(e);
        assertEquals("[PARSE_SYNTAX_ERROR] Syntax error at or near 'SELEC'. SQLSTATE: 42601; line 1 pos 0", msg);
    }

    @Test
    void unknownColumnIsOneLineWithoutThePlan() {
        AnalysisException e = assertThrows(AnalysisException.class,
                () -> SqlQuery.run(spark, out, "SELECT no_such_column FROM cells"));
        String msg = SqlQuery.describeError(e);
        assertTrue(msg.startsWith("[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column, variable, or function parameter "
                + "with name `no_such_column` cannot be resolved."), msg);
        assertTrue(msg.endsWith("SQLSTATE: 42703; line 1 pos 7"), msg);
        assertEquals(1, msg.lines().count(), msg);
        assertFalse(msg.contains("Project"), msg); // the plan Spark appends to getMessage()
    }

    @Test
    void missingTableNamesTheTable() {
        AnalysisException e = assertThrows(AnalysisException.class,
                () -> SqlQuery.run(spark, out, "SELECT * FROM bank"));
        String msg = SqlQuery.describeError(e);
        assertTrue(msg.startsWith("[TABLE_OR_VIEW_NOT_FOUND] The table or view `bank` cannot be found."), msg);
        assertTrue(msg.endsWith(" (line 1 pos 14)"), msg);
        assertEquals(1, msg.lines().count(), msg);
    }

    @Test
    void wrappedAndNonSparkErrors() {
        AnalysisException e = assertThrows(AnalysisException.class,
                () -> SqlQuery.run(spark, out, "SELECT no_such_column FROM cells"));
        assertEquals(SqlQuery.describeError(e), SqlQuery.describeError(new ExecutionException(e)));
        assertEquals("IllegalStateException: boom", SqlQuery.describeError(new IllegalStateException("boom\nmore")));
    }

    /** Statements that only read: accepted by the check, and they run. */
    @Test
    void readOnlyStatementsRun() {
        for (String sql : List.of("SELECT count(*) FROM cells", "select n from cells -- a comment",
                "/* lead */ WITH c AS (SELECT n FROM cells) SELECT * FROM c", "VALUES (1), (2)", "TABLE runs",
                "FROM cells SELECT n", "(SELECT 1)", "SHOW TABLES", "SHOW VIEWS", "SHOW COLUMNS IN cells",
                "DESCRIBE cells", "DESC cells n", "DESCRIBE FUNCTION abs", "DESCRIBE QUERY SELECT n FROM cells",
                "EXPLAIN SELECT n FROM cells", "SHOW FUNCTIONS")) {
            SqlQuery.requireReadOnly(sql);
            assertFalse(SqlQuery.run(spark, out, sql).collectAsList().isEmpty(), sql);
        }
    }

    /**
     * Statements that write, change the session or run code: refused with their kind named, the
     * tables unchanged (same row counts before and after), no view replaced.
     */
    @Test
    void everythingElseIsRefusedAndChangesNothing() {
        long cells = SqlQuery.run(spark, out, "SELECT * FROM cells").count();
        long runs = SqlQuery.run(spark, out, "SELECT * FROM runs").count();
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("INSERT INTO cells SELECT * FROM cells", "INSERT INTO");
        refused.put("insert overwrite runs select * from runs", "INSERT OVERWRITE");
        refused.put("WITH c AS (SELECT * FROM cells) INSERT INTO cells SELECT * FROM c", "INSERT INTO");
        refused.put("FROM cells INSERT INTO cells SELECT *", "INSERT INTO");
        refused.put("INSERT OVERWRITE DIRECTORY '" + tmp.resolve("dir") + "' USING parquet SELECT * FROM cells",
                "INSERT OVERWRITE DIRECTORY");
        refused.put("CREATE TABLE t (a INT)", "CREATE TABLE");
        refused.put("CREATE TABLE t AS SELECT * FROM cells", "CREATE TABLE AS SELECT");
        refused.put("CREATE TEMPORARY VIEW cells AS SELECT 1", "CREATE VIEW");
        refused.put("DROP VIEW cells", "DROP VIEW");
        refused.put("CACHE TABLE cells", "CACHE TABLE");
        refused.put("SET spark.sql.ansi.enabled=false", "SET");
        refused.put("ADD JAR /tmp/x.jar", "ADD JARS");
        refused.put("DELETE FROM cells WHERE n = 4", "DELETE FROM TABLE");
        refused.put("TRUNCATE TABLE cells", "TRUNCATE TABLE");
        refused.put("EXECUTE IMMEDIATE 'DROP VIEW cells'", "EXECUTE IMMEDIATE");
        refused.put("EXPLAIN INSERT INTO cells SELECT * FROM cells", "INSERT INTO");
        refused.put("SELECT TRANSFORM(n) USING 'touch x' AS (y) FROM cells", "TRANSFORM (runs a script)");
        refused.put("WITH t AS (SELECT TRANSFORM(n) USING 'cat' FROM cells) SELECT * FROM t", "TRANSFORM (runs a script)");
        refused.put("SELECT * FROM cells WHERE n IN (SELECT TRANSFORM(n) USING 'cat' AS (n) FROM cells)",
                "TRANSFORM (runs a script)");
        refused.put("CALL system.p()", "CALL");
        for (Map.Entry<String, String> e : refused.entrySet()) {
            IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
                    () -> SqlQuery.run(spark, out, e.getKey()), e.getKey());
            assertEquals(e.getValue() + " is not allowed: sql only reads the tables; allowed are " + SqlQuery.ALLOWED,
                    x.getMessage(), e.getKey());
        }
        assertEquals(cells, SqlQuery.run(spark, out, "SELECT * FROM cells").count());
        assertEquals(runs, SqlQuery.run(spark, out, "SELECT * FROM runs").count());
        assertFalse(Files.exists(tmp.resolve("dir")));
    }

    /** reflect() and java_method() call arbitrary static Java methods: they do not resolve. */
    @Test
    void javaCallingFunctionsAreNotAvailable() {
        for (String f : SqlQuery.JAVA_CALLING_FUNCTIONS) {
            AnalysisException e = assertThrows(AnalysisException.class, () -> SqlQuery.run(spark, out,
                    "SELECT " + f + "('java.lang.System', 'getProperty', 'user.dir')").collectAsList(), f);
            assertTrue(SqlQuery.describeError(e).startsWith("[UNRESOLVED_ROUTINE]"), SqlQuery.describeError(e));
        }
    }
}
