package org.memsweep.jobs.sweep;

import static org.memsweep.analysis.table.Columns.CELL_ID;
import static org.memsweep.analysis.table.Columns.CELLS;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The {@code cells/} table of an output root and its swap protocol: the table is never rewritten in
 * place; a new version is written whole into {@code _cells_staging} and swapped in with two renames
 * ({@code cells → _cells_old}, {@code _cells_staging → cells}), so a run killed at any moment leaves
 * either table whole, and {@link #open} puts it back ({@link #recover}).
 */
final class CellsTable {
    static final String STAGING = "_cells_staging";
    static final String OLD = "_cells_old";

    private final SparkSession spark;
    private final FileSystem fs;
    private final Path cells, staging, old;
    private final Map<String, Row> rows;

    private CellsTable(SparkSession spark, FileSystem fs, Path root, Map<String, Row> rows) {
        this.spark = spark;
        this.fs = fs;
        this.cells = new Path(root, CELLS);
        this.staging = new Path(root, STAGING);
        this.old = new Path(root, OLD);
        this.rows = rows;
    }

    /** Recovers an interrupted swap, checks the table's files are whole, and reads its rows. */
    static CellsTable open(SparkSession spark, FileSystem fs, Path root) throws IOException {
        Path cells = new Path(root, CELLS);
        recover(fs, cells, new Path(root, STAGING), new Path(root, OLD));
        Map<String, Row> rows = new LinkedHashMap<>();
        DataFiles.requireWhole(fs, cells);
        if (fs.exists(cells)) {
            for (Row r : spark.read().schema(Schemas.cells()).parquet(cells.toString()).collectAsList()) {
                rows.put(r.getAs(CELL_ID), r);
            }
        }
        return new CellsTable(spark, fs, root, rows);
    }

    /** The committed row of a cell, or null. */
    Row row(String cellId) {
        return rows.get(cellId);
    }

    /** The committed rows by cell id, in table order (a read-only view). */
    Map<String, Row> rows() {
        return Collections.unmodifiableMap(rows);
    }

    boolean exists() throws IOException {
        return fs.exists(cells);
    }

    /**
     * Writes the table with {@code fresh} rows added or replacing those of the same cells, and swaps it in.
     * The driver writes the staged file itself ({@link DriverParquet}): a Spark job for these few rows
     * kept every core idle for longer than the write.
     */
    void commit(Map<String, Row> fresh) throws IOException {
        rows.putAll(fresh);
        DriverParquet.writeStaged(spark, fs, staging, Schemas.cells(), new ArrayList<>(rows.values()));
        swapIn(fs, cells, staging, old);
    }

    /** A run that died between the two renames of {@link #swapIn} left cells/ missing: put it back. */
    static void recover(FileSystem fs, Path cells, Path staging, Path old) throws IOException {
        if (!fs.exists(cells)) {
            if (fs.exists(new Path(staging, "_SUCCESS"))) fs.rename(staging, cells);
            else if (fs.exists(old)) fs.rename(old, cells);
        }
        if (fs.exists(cells)) {
            fs.delete(old, true);
            fs.delete(staging, true);
        }
    }

    /** Replaces {@code cells} by the whole table written in {@code staging}. */
    static void swapIn(FileSystem fs, Path cells, Path staging, Path old) throws IOException {
        fs.delete(old, true);
        if (fs.exists(cells) && !fs.rename(cells, old)) throw new IOException("cannot move " + cells + " to " + old);
        if (!fs.rename(staging, cells)) throw new IOException("cannot move " + staging + " to " + cells);
        fs.delete(old, true);
    }
}
