package org.memsweep.jobs.sweep;

import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.JobID;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.TaskID;
import org.apache.hadoop.mapreduce.TaskType;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.CatalystTypeConverters;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.execution.datasources.OutputWriter;
import org.apache.spark.sql.execution.datasources.OutputWriterFactory;
import org.apache.spark.sql.execution.datasources.parquet.ParquetFileFormat;
import org.apache.spark.sql.types.StructType;

/**
 * Writes a few rows as one Parquet file from the driver, without a Spark job: the small tables a
 * sweep commits after its tasks ({@code cells/}, {@code runs/}). A Spark job for a handful of rows
 * cost the sweep 0.1–0.2 s each (planning, scheduling one task, the commit protocol) while every
 * core stood idle. The file is written by Spark's own Parquet writer ({@link ParquetFileFormat}
 * with the session's settings: schema, compression, timestamp type and footer metadata are those
 * of a Spark job's file), so every reader sees the same table.
 * <p>Atomicity is the caller's, as with Spark's commit protocol: {@link #writeStaged} for a whole
 * folder marked by {@code _SUCCESS}, {@link #append} for one more file in a table.
 */
final class DriverParquet {
    private DriverParquet() {}

    /**
     * Writes {@code rows} (external rows of {@code schema}) as a new file in the folder {@code dir},
     * named as a Spark task names its file ({@code part-00000-<uuid>-c000.snappy.parquet} with the
     * session's codec), and returns it. The file appears under its name as it is written: callers
     * write where readers do not look.
     */
    static Path write(SparkSession spark, Path dir, StructType schema, List<Row> rows) throws IOException {
        Prepared p = prepare(spark, schema, java.util.Map.of());
        Configuration conf = p.conf();
        OutputWriterFactory factory = p.factory();
        TaskAttemptContextImpl context = context(conf, 0, 0, 0);
        Path file = new Path(dir, "part-00000-" + UUID.randomUUID() + "-c000" + factory.getFileExtension(context));
        scala.Function1<Object, Object> toCatalyst = CatalystTypeConverters.createToCatalystConverter(schema);
        OutputWriter writer = factory.newInstance(file.toString(), schema, context);
        boolean written = false;
        try {
            for (Row r : rows) writer.write((InternalRow) toCatalyst.apply(r));
            writer.close();
            written = true;
        } finally {
            if (!written) {
                try {
                    writer.close();
                } catch (RuntimeException e) {
                    // the write already failed: its exception is the one to report
                }
                file.getFileSystem(conf).delete(file, false);
            }
        }
        return file;
    }

    /**
     * Spark's Parquet writer for files of {@code schema}, set up as a Spark job sets it up: the
     * factory and the job's Hadoop configuration (the session's, with {@code options} and what the
     * Parquet format adds: schema, codec, footer metadata). Both are serializable (the
     * configuration through Spark's {@code SerializableConfiguration}), so tasks can write files of
     * the same format ({@link TrajectoryFiles}).
     */
    record Prepared(OutputWriterFactory factory, Configuration conf) {}

    /** {@link Prepared} for {@code schema} with the write options {@code options} (e.g. per-column dictionary settings). */
    static Prepared prepare(SparkSession spark, StructType schema, java.util.Map<String, String> options) throws IOException {
        ParquetFileFormat format = new ParquetFileFormat();
        scala.collection.immutable.Map<String, String> opts = scala.collection.immutable.Map$.MODULE$.from(
                scala.jdk.javaapi.CollectionConverters.asScala(options));
        Job job = Job.getInstance(format.getHadoopConf(spark, opts));
        OutputWriterFactory factory = format.prepareWrite(spark, job, opts, schema);
        return new Prepared(factory, job.getConfiguration());
    }

    /** The task attempt context a writer is opened with (the ids name a Spark task: stage, partition, attempt). */
    static TaskAttemptContextImpl context(Configuration conf, int stage, int partition, int attempt) {
        return new TaskAttemptContextImpl(conf, new TaskAttemptID(new TaskID(new JobID("memsweep", stage), TaskType.MAP, partition), attempt));
    }

    /**
     * Writes {@code rows} as the whole content of the folder {@code dir} (deleted first if it
     * exists), then its {@code _SUCCESS} marker: as Spark's overwrite does, the marker appears
     * only once the data is whole.
     */
    static void writeStaged(SparkSession spark, FileSystem fs, Path dir, StructType schema, List<Row> rows) throws IOException {
        fs.delete(dir, true);
        if (!fs.mkdirs(dir)) throw new IOException("cannot create " + dir);
        write(spark, dir, schema, rows);
        fs.create(new Path(dir, "_SUCCESS"), false).close();
    }

    /**
     * Adds {@code rows} to the table {@code table} as one new file: written under
     * {@code _temporary/} (which readers ignore), then renamed into the table, so the file
     * appears whole or not at all, as a Spark append's does.
     */
    static void append(SparkSession spark, FileSystem fs, Path table, StructType schema, List<Row> rows) throws IOException {
        Path temporary = new Path(new Path(table, "_temporary"), "memsweep-" + UUID.randomUUID());
        if (!fs.mkdirs(temporary)) throw new IOException("cannot create " + temporary);
        try {
            Path written = write(spark, temporary, schema, rows);
            if (!fs.rename(written, new Path(table, written.getName()))) throw new IOException("cannot move " + written + " into " + table);
        } finally {
            fs.delete(temporary, true);
        }
        // As a Spark append's job commit: _temporary/ goes (when nothing else is in it), _SUCCESS is (re)written.
        deleteIfEmpty(fs, temporary.getParent());
        markCommitted(fs, table);
    }

    /** Deletes the folder {@code dir} if it exists and holds nothing (a table's {@code _temporary/} once no writer uses it). */
    static void deleteIfEmpty(FileSystem fs, Path dir) throws IOException {
        if (fs.exists(dir) && fs.listStatus(dir).length == 0) fs.delete(dir, false);
    }

    /** Marks the table folder {@code table} as a Spark job's commit does: the folder, with a (re)written {@code _SUCCESS}, even without rows. */
    static void markCommitted(FileSystem fs, Path table) throws IOException {
        fs.mkdirs(table);
        fs.create(new Path(table, "_SUCCESS"), true).close();
    }
}
