package org.memsweep.jobs.sweep;

import static org.junit.jupiter.api.Assertions.*;
import static org.memsweep.analysis.table.Columns.*;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memsweep.analysis.table.Columns.CellKey;
import org.memsweep.engine.cell.Cell;
import org.memsweep.engine.cell.Trajectory;
import org.memsweep.jobs.cli.Spark;

/** A task's own trajectory files: the files of Spark's partitioned write, and one file per task and n whatever the attempts. */
class TrajectoryFilesTest {
    static SparkSession spark;

    @TempDir
    java.nio.file.Path tmp;

    @BeforeAll
    static void start() {
        spark = Spark.session("TrajectoryFilesTest", "local[1]", false);
    }

    @AfterAll
    static void stop() {
        if (spark != null) spark.stop();
    }

    static final Cell CELL = SchemasTest.PROBABILITY;
    static final int N_OF_CELL = CELL.params().n();

    static Block block(long from, long to) {
        return new Block(CELL.id(), new LinkedHashMap<>(CELL.params().toMap()), from, to);
    }

    /** Writes the cell's trajectories [from, to) into {@code attempt} as rows of run "run-1". */
    static void write(TrajectoryFiles.Attempt attempt, long from, long to) {
        TrajectoryRow row = new TrajectoryRow(Schemas.trajectoryFileKey(new CellKey("run-1", CELL.id(), CELL.params())));
        for (Trajectory t : CELL.run(from, to)) attempt.write(N_OF_CELL, row.of(t));
    }

    /** One task of run "run-1" writing the cell's trajectories [0, rows) into the table folder {@code table}, committed. */
    static void writeOneTask(java.nio.file.Path table, long rows) throws IOException {
        TrajectoryFiles files = TrajectoryFiles.prepare(spark, new Path(table.toUri()), "run-1");
        try {
            TrajectoryFiles.Attempt a = files.open(block(0, rows), 0, 0, 0, 7);
            write(a, 0, rows);
            a.commit(Set.of(N_OF_CELL));
        } finally {
            files.close();
        }
    }

    static List<java.nio.file.Path> parquetFiles(java.nio.file.Path dir) throws IOException {
        if (!Files.exists(dir)) return List.of();
        try (Stream<java.nio.file.Path> s = Files.walk(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
        }
    }

    /** Every row of a trajectories table, ordered by seed index, doubles as raw bits. */
    static List<String> rows(java.nio.file.Path table) {
        List<String> out = new ArrayList<>();
        for (Row r : spark.read().schema(Schemas.trajectories()).parquet(table.toString()).orderBy(SEED_INDEX).collectAsList()) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < r.length(); i++) b.append(r.get(i) instanceof Double d ? Double.doubleToRawLongBits(d) : r.get(i)).append('|');
            out.add(b.toString());
        }
        return out;
    }

    /** The table's rows equal the cell's trajectories [0, count) as the declarations read them (compute_ns aside: a rerun's own). */
    static void assertHoldsTheTrajectories(java.nio.file.Path table, int count) {
        List<Row> read = spark.read().schema(Schemas.trajectories()).parquet(table.toString()).orderBy(SEED_INDEX).collectAsList();
        List<Trajectory> ts = CELL.run(0, count);
        assertEquals(count, read.size());
        for (int k = 0; k < count; k++) {
            Row r = read.get(k);
            assertEquals(List.of("run-1", CELL.id(), N_OF_CELL), List.of(r.getAs(RUN_ID), r.getAs(CELL_ID), r.getAs(N)));
            for (org.memsweep.analysis.table.TableColumn<Trajectory> c : org.memsweep.analysis.table.Columns.TRAJECTORY_COLUMNS) {
                if (c.name().equals(COMPUTE_NS)) continue;
                Object want = c.read(ts.get(k)), got = r.getAs(c.name());
                if (want instanceof Double w) assertEquals(Double.doubleToRawLongBits(w), Double.doubleToRawLongBits((Double) got), c.name() + " of row " + k);
                else assertEquals(want, got, c.name() + " of row " + k);
            }
        }
    }

    FileSystem fs() throws IOException {
        return new Path(tmp.toUri()).getFileSystem(spark.sparkContext().hadoopConfiguration());
    }

    @Test
    void aTasksFileIsTheFileOfSparksPartitionedWrite() throws IOException {
        java.nio.file.Path table = tmp.resolve("trajectories"), bySpark = tmp.resolve("by-spark");
        writeOneTask(table, 300);
        List<java.nio.file.Path> ours = parquetFiles(table);
        assertEquals(1, ours.size());
        assertEquals(table.resolve(N + "=" + N_OF_CELL).resolve("part-run-1-" + CELL.id() + "-0.snappy.parquet"), ours.get(0));

        // The same rows through the DataFrame path the sweep used before: same rows, Parquet schema, footer, codec, encodings.
        assertHoldsTheTrajectories(table, 300);
        Dataset<Row> read = spark.read().schema(Schemas.trajectories()).parquet(table.toString());
        // (a DataFrame of the declared schema, as the sweep made: reading made every column nullable)
        List<Row> external = read.selectExpr(Schemas.trajectories().fieldNames()).collectAsList();
        spark.createDataFrame(external, Schemas.trajectories()).coalesce(1)
                .write().options(Schemas.trajectoryWriteOptions()).partitionBy(N).parquet(bySpark.toString());
        assertEquals(rows(bySpark), rows(table));
        List<java.nio.file.Path> theirs = parquetFiles(bySpark);
        assertEquals(1, theirs.size());
        ParquetMetadata fa = DriverParquetTest.footer(theirs.get(0)), fb = DriverParquetTest.footer(ours.get(0));
        assertEquals(fa.getFileMetaData().getSchema(), fb.getFileMetaData().getSchema());
        assertEquals(fa.getFileMetaData().getKeyValueMetaData(), fb.getFileMetaData().getKeyValueMetaData());
        List<ColumnChunkMetaData> ca = fa.getBlocks().get(0).getColumns(), cb = fb.getBlocks().get(0).getColumns();
        assertEquals(ca.size(), cb.size());
        boolean someDictionary = false, somePlain = false;
        for (int i = 0; i < ca.size(); i++) {
            String column = ca.get(i).getPath().toDotString();
            assertEquals(ca.get(i).getCodec(), cb.get(i).getCodec(), column);
            Set<Encoding> ea = ca.get(i).getEncodings(), eb = cb.get(i).getEncodings();
            assertEquals(ea, eb, column);
            boolean dictionary = eb.contains(Encoding.PLAIN_DICTIONARY) || eb.contains(Encoding.RLE_DICTIONARY);
            boolean off = Schemas.trajectoryWriteOptions().containsKey("parquet.enable.dictionary#" + column);
            if (off) assertFalse(dictionary, column);
            someDictionary |= dictionary;
            somePlain |= off;
        }
        assertTrue(someDictionary && somePlain, "dictionaries where allowed (run_id, cell_id, category), none where switched off");
    }

    @Test
    void aBlocksFileHasOnePagePerColumnNotOneEvery20000Rows() throws IOException {
        java.nio.file.Path table = tmp.resolve("pages");
        writeOneTask(table, 45_000);
        java.nio.file.Path file = parquetFiles(table).get(0);
        try (org.apache.parquet.hadoop.ParquetFileReader r = org.apache.parquet.hadoop.ParquetFileReader.open(
                org.apache.parquet.hadoop.util.HadoopInputFile.fromPath(new Path(file.toUri()), spark.sparkContext().hadoopConfiguration()))) {
            assertEquals(1, r.getRowGroups().size());
            assertEquals(45_000, r.getRowGroups().get(0).getRowCount());
            for (ColumnChunkMetaData c : r.getRowGroups().get(0).getColumns()) {
                assertEquals(1, r.readOffsetIndex(c).getPageCount(), c.getPath().toDotString() + " (Parquet's default: 3 pages)");
            }
        }
        assertEquals(45_000, spark.read().parquet(table.toString()).count());
    }

    @Test
    void everyAttemptOfATaskWritesTheSameFileNeverASecondOne() throws IOException {
        java.nio.file.Path table = tmp.resolve("attempts");
        Path t = new Path(table.toUri());
        java.nio.file.Path partition = table.resolve(N + "=" + N_OF_CELL);
        TrajectoryFiles files = TrajectoryFiles.prepare(spark, t, "run-1");
        try {
            // attempt 0 completes (its files are in the table), but the task is retried: attempt 1
            // writes the same rows and replaces them
            TrajectoryFiles.Attempt a0 = files.open(block(0, 40), 3, 0, 0, 10);
            write(a0, 0, 40);
            a0.commit(Set.of(N_OF_CELL));
            TrajectoryFiles.Attempt a1 = files.open(block(0, 40), 3, 0, 1, 11);
            write(a1, 0, 40);
            assertTrue(Files.isDirectory(table.resolve("_temporary").resolve("run-1").resolve("attempt-11")), "written under _temporary/ first");
            assertEquals(1, parquetFiles(partition).size(), "attempt 1's file is not in the table before it commits");
            a1.commit(Set.of(N_OF_CELL));
            assertEquals(1, parquetFiles(partition).size());
            assertEquals(40, spark.read().schema(Schemas.trajectories()).parquet(table.toString()).count());
            assertEquals(0, spark.read().parquet(table.toString()).groupBy(SEED_INDEX).count().where("count > 1").count());

            // an attempt that fails leaves nothing, not even its folder
            TrajectoryFiles.Attempt a2 = files.open(block(0, 40), 3, 0, 2, 12);
            write(a2, 0, 10);
            a2.abort();
            assertFalse(Files.exists(table.resolve("_temporary").resolve("run-1").resolve("attempt-12")));
            assertEquals(40, spark.read().schema(Schemas.trajectories()).parquet(table.toString()).count());

            // a last attempt in which the n's blocks all failed: the table keeps no rows of earlier attempts there
            TrajectoryFiles.Attempt a3 = files.open(block(0, 40), 3, 0, 3, 13);
            a3.commit(Set.of(N_OF_CELL));
            assertEquals(List.of(), parquetFiles(partition));

            // a killed attempt's folder stays until the run cleans up
            TrajectoryFiles.Attempt killed = files.open(block(40, 80), 3, 1, 0, 14);
            write(killed, 40, 80);
        } finally {
            files.close();
        }
        assertTrue(Files.exists(table.resolve("_temporary")));
        TrajectoryFiles.clean(fs(), t, "run-1");
        assertFalse(Files.exists(table.resolve("_temporary")), "nothing else was in _temporary/");
    }

    /** The local disk with HDFS's rename: it does not replace an existing file (returns false). */
    public static final class NoReplaceFileSystem extends org.apache.hadoop.fs.RawLocalFileSystem {
        static final java.net.URI URI = java.net.URI.create("noreplace:///");
        static final java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public java.net.URI getUri() {
            return URI;
        }

        @Override
        public String getScheme() {
            return "noreplace";
        }

        @Override
        public boolean rename(Path src, Path dst) throws IOException {
            if (exists(dst) && getFileStatus(dst).isFile()) {
                refused.incrementAndGet();
                return false;
            }
            return super.rename(src, dst);
        }
    }

    @Test
    void aRetryReplacesTheFileAlsoWhereRenameDoesNotReplace() throws IOException {
        NoReplaceFileSystem.refused.set(0);
        spark.sparkContext().hadoopConfiguration().set("fs.noreplace.impl", NoReplaceFileSystem.class.getName());
        spark.sparkContext().hadoopConfiguration().setBoolean("fs.noreplace.impl.disable.cache", true);
        java.nio.file.Path table = tmp.resolve("hdfs-like");
        Path t = new Path("noreplace://" + table.toUri().getPath());
        TrajectoryFiles files = TrajectoryFiles.prepare(spark, t, "run-1");
        try {
            for (int attempt = 0; attempt < 2; attempt++) {
                TrajectoryFiles.Attempt a = files.open(block(0, 30), 5, 0, attempt, 20 + attempt);
                write(a, 0, 30);
                a.commit(Set.of(N_OF_CELL));
            }
        } finally {
            files.close();
        }
        assertEquals(1, NoReplaceFileSystem.refused.get(), "the second attempt's rename was refused once, then done after a delete");
        assertEquals(1, parquetFiles(table.resolve(N + "=" + N_OF_CELL)).size());
        assertEquals(30, spark.read().schema(Schemas.trajectories()).parquet(table.toString()).count());
    }

    @Test
    void cleanKeepsOtherRunsLeftovers() throws IOException {
        java.nio.file.Path table = tmp.resolve("clean");
        Files.createDirectories(table.resolve("_temporary").resolve("run-1").resolve("attempt-1"));
        Files.createDirectories(table.resolve("_temporary").resolve("run-0"));
        TrajectoryFiles.clean(fs(), new Path(table.toUri()), "run-1");
        assertFalse(Files.exists(table.resolve("_temporary").resolve("run-1")));
        assertTrue(Files.exists(table.resolve("_temporary").resolve("run-0")));
        assertEquals(new ArrayList<>(List.of("_temporary")), new ArrayList<>(List.of(table.toFile().list())));
    }
}
