package org.memsweep.analysis.table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Compares the results of two output roots row for row, as multisets, leaving out what legitimately
 * differs between runs (run ids and timings): the check that a sweep repeated elsewhere — another
 * master, partitioning, a resumed or a cluster run — gave the same rows.
 *
 * @param table     trajectories or cells
 * @param rowsA     rows under the first root
 * @param rowsB     rows under the second root
 * @param onlyInA   rows of A with no equal row in B (counting duplicates)
 * @param onlyInB   rows of B with no equal row in A
 */
public record TableDiff(String table, long rowsA, long rowsB, long onlyInA, long onlyInB) {
    /** Columns that differ between equal runs. */
    public static final List<String> VOLATILE = List.of(Columns.RUN_ID, Columns.COMPUTE_NS, Columns.COMPUTE_SECONDS);

    public boolean identical() {
        return onlyInA == 0 && onlyInB == 0;
    }

    /** Compares {@code trajectories/} and {@code cells/} of the two roots. */
    public static List<TableDiff> compare(SparkSession spark, String rootA, String rootB) {
        List<TableDiff> out = new ArrayList<>();
        for (String table : List.of(Columns.TRAJECTORIES, Columns.CELLS)) {
            Dataset<Row> a = comparable(SqlQuery.read(spark, rootA, table).orElseThrow(() -> missing(rootA, table)));
            Dataset<Row> b = comparable(SqlQuery.read(spark, rootB, table).orElseThrow(() -> missing(rootB, table)));
            if (!Arrays.equals(a.columns(), b.columns())) {
                throw new IllegalArgumentException(table + " has different columns under " + rootA + " and " + rootB);
            }
            out.add(new TableDiff(table, a.count(), b.count(), a.exceptAll(b).count(), b.exceptAll(a).count()));
        }
        return out;
    }

    private static Dataset<Row> comparable(Dataset<Row> t) {
        Dataset<Row> d = t.drop(VOLATILE.toArray(new String[0]));
        String[] cols = d.columns();
        Arrays.sort(cols);
        return d.selectExpr(cols);
    }

    private static IllegalArgumentException missing(String root, String table) {
        return new IllegalArgumentException("no " + table + "/ table under " + root);
    }
}
