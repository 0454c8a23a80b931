package org.memsweep.jobs.sweep;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memsweep.jobs.cli.Spark;

/** The driver's Parquet files are a Spark job's: same rows, same Parquet schema, codec and footer keys. */
class DriverParquetTest {
    static SparkSession spark;

    @TempDir
    java.nio.file.Path tmp;

    @BeforeAll
    static void start() {
        spark = Spark.session("DriverParquetTest", "local[1]", false);
    }

    @AfterAll
    static void stop() {
        if (spark != null) spark.stop();
    }

    /** runs/' schema (timestamps) and a nullable double and string, as cells/ has. */
    static final StructType SCHEMA = Schemas.runs().add("x", DataTypes.DoubleType, true).add("s", DataTypes.StringType, true);

    static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            rows.add(RowFactory.create("run-" + i, "{\"n\": [2, 3]}", "memsweep 0.1.0", "local[2]", new Timestamp(1_700_000_000_123L + i),
                    new Timestamp(1_700_000_100_456L + i), "succeeded", 12, 12 - i, i, 48_000L * i,
                    i == 1 ? null : Double.longBitsToDouble(0x3fb999999999999aL + i), i == 2 ? null : "é" + i));
        }
        return rows;
    }

    FileSystem fs() throws IOException {
        return FileSystem.getLocal(new Configuration());
    }

    static List<java.nio.file.Path> dataFiles(java.nio.file.Path dir) throws IOException {
        try (Stream<java.nio.file.Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
        }
    }

    static ParquetMetadata footer(java.nio.file.Path file) throws IOException {
        try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(new Path(file.toUri()), new Configuration()))) {
            return r.getFooter();
        }
    }

    /** Rows as strings, doubles as raw bits. */
    static List<String> read(java.nio.file.Path dir) {
        List<String> out = new ArrayList<>();
        for (Row r : spark.read().schema(SCHEMA).parquet(dir.toString()).orderBy("run_id").collectAsList()) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < r.length(); i++) b.append(r.get(i) instanceof Double d ? Double.doubleToRawLongBits(d) : r.get(i)).append('|');
            out.add(b.toString());
        }
        return out;
    }

    @Test
    void aStagedTableIsTheFileASparkJobWrites() throws IOException {
        java.nio.file.Path bySpark = tmp.resolve("spark"), byDriver = tmp.resolve("driver");
        spark.createDataFrame(rows(), SCHEMA).coalesce(1).write().mode(SaveMode.Overwrite).parquet(bySpark.toString());
        Files.createDirectories(byDriver);
        Files.writeString(byDriver.resolve("stale.parquet"), "an older staged table's file: gone after the write");
        DriverParquet.writeStaged(spark, fs(), new Path(byDriver.toUri()), SCHEMA, rows());

        assertEquals(read(bySpark), read(byDriver));
        assertEquals(3, read(byDriver).size());
        assertTrue(Files.exists(byDriver.resolve("_SUCCESS")), "the marker recover() trusts");
        assertFalse(Files.exists(byDriver.resolve("stale.parquet")));
        List<java.nio.file.Path> a = dataFiles(bySpark), b = dataFiles(byDriver);
        assertEquals(1, b.size());
        assertTrue(b.get(0).getFileName().toString().matches("part-00000-[0-9a-f-]{36}-c000\\.snappy\\.parquet"), b.get(0).toString());
        ParquetMetadata fa = footer(a.get(0)), fb = footer(b.get(0));
        assertEquals(fa.getFileMetaData().getSchema(), fb.getFileMetaData().getSchema(), "Parquet types (e.g. INT96 timestamps) as Spark writes them");
        Map<String, String> ka = fa.getFileMetaData().getKeyValueMetaData(), kb = fb.getFileMetaData().getKeyValueMetaData();
        assertEquals(ka, kb, "Spark's footer metadata: its version and the row schema");
        assertEquals(fa.getBlocks().get(0).getColumns().get(0).getCodec(), fb.getBlocks().get(0).getColumns().get(0).getCodec());
    }

    @Test
    void appendAddsOneWholeFileAndLeavesNoTemporaryFolder() throws IOException {
        java.nio.file.Path table = tmp.resolve("runs");
        Path t = new Path(table.toUri());
        DriverParquet.append(spark, fs(), t, SCHEMA, rows().subList(0, 1));
        DriverParquet.append(spark, fs(), t, SCHEMA, rows().subList(1, 3));
        assertEquals(2, dataFiles(table).size());
        assertFalse(Files.exists(table.resolve("_temporary")));
        assertTrue(Files.exists(table.resolve("_SUCCESS")), "as a Spark append leaves it");
        java.nio.file.Path bySpark = tmp.resolve("spark-runs");
        spark.createDataFrame(rows(), SCHEMA).coalesce(1).write().parquet(bySpark.toString());
        assertEquals(read(bySpark), read(table));
    }
}
