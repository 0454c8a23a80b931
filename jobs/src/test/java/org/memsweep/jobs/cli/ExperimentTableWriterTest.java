package org.memsweep.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memsweep.engine.InvalidParameterException;
import org.memsweep.jobs.sweep.OutputRoot;

class ExperimentTableWriterTest {
    static SparkSession spark;
    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        spark = Spark.session("ExperimentTableWriterTest", "local[1]", false);
    }

    @AfterAll
    static void stop() {
        if (spark != null) spark.stop();
    }

    private static final StructType SCHEMA = new StructType().add("run_id", DataTypes.StringType, false).add("x", DataTypes.IntegerType, false);

    @Test
    void appendsOneFilePerRunIntoAMarkedRoot() throws Exception {
        String out = tmp.resolve("root").toString();
        ExperimentTableWriter.append(spark, out, "r1", "experiments/demo", SCHEMA, List.of(RowFactory.create("r1", 1), RowFactory.create("r1", 2)));
        org.apache.hadoop.fs.Path table = ExperimentTableWriter.append(spark, out, "r2", "experiments/demo", SCHEMA, List.of(RowFactory.create("r2", 3)));
        assertTrue(Files.exists(Path.of(out, OutputRoot.MARKER)), "the root is marked as memsweep's");
        List<Row> rows = spark.read().parquet(table.toString()).orderBy("x").collectAsList();
        assertEquals(3, rows.size());
        assertEquals("r2", rows.get(2).getString(0));
        try (var files = Files.list(Path.of(table.toString()))) {
            assertEquals(2, files.filter(f -> f.getFileName().toString().endsWith(".parquet")).count(), "one file per run");
        }
        assertFalse(Files.exists(Path.of(out, org.memsweep.jobs.sweep.RootLock.LOCK)), "the lock is released");
    }

    @Test
    void refusesAFolderOfSomeoneElsesFiles() throws Exception {
        Path mine = Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(mine.resolve("thesis.tex"), "\\documentclass{article}");
        assertThrows(InvalidParameterException.class, () -> ExperimentTableWriter.append(spark, mine.toString(), "r1", "experiments/demo", SCHEMA,
                List.of(RowFactory.create("r1", 1))));
        assertFalse(Files.exists(mine.resolve("experiments")), "nothing written");
        assertEquals("\\documentclass{article}", Files.readString(mine.resolve("thesis.tex")));
    }
}
