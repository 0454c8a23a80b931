package org.memsweep.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
}
