package org.memsweep.jobs.sweep;

import static org.memsweep.analysis.table.Columns.N;

import java.io.IOException;
import java.io.Serializable;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.execution.datasources.OutputWriter;
import org.apache.spark.sql.execution.datasources.OutputWriterFactory;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.SerializableConfiguration;

/**
 * The files of {@code trajectories/} that the sweep's tasks write themselves (science.md §7: the
 * rows of a sweep's cells), with Spark's own Parquet writer set up on the driver as a Spark job
 * sets it up ({@link DriverParquet#prepare}: schema, codec, footer, the per-column options of
 * {@link Schemas#trajectoryWriteOptions}; the rows handed over by {@link TrajectoryWriteSupport}),
 * so the files are those a DataFrame write makes, without the DataFrame path's costs per row
 * (external rows, their conversion, projections, the partitioned writer) and per task (the commit
 * protocol's folders and renames).
 * <p>Protocol. A task attempt writes one file per {@code n} of its rows under
 * {@code _temporary/<run id>/attempt-<task attempt id>/} (Spark's readers and {@link DataFiles}
 * ignore names starting with {@code _}); once every block of the task has run, each file is
 * renamed to {@code n=<n>/part-<run id>-<cell>-<first seed index>.<codec>.parquet}, named after
 * the task's first block, so the same task always gets the same names: a retried (or speculative)
 * attempt replaces its predecessor's files instead of adding to them, and never adds a row twice.
 * A rename is atomic on HDFS and local disks, so a file appears whole or not at all; where the
 * target exists (an earlier attempt of this task got that far) it is deleted first, which can only
 * lose rows for a moment, never duplicate them (lost rows are computed again by the next run). An
 * attempt that fails deletes its folder; a killed one leaves it in {@code _temporary/}, which the
 * next run deletes before it plans, and {@code --overwrite} deletes with the rest of the table.
 */
final class TrajectoryFiles implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The folder under the table that the attempts write in; readers ignore it. */
    static final String TEMPORARY = "_temporary";

    private final String table;
    private final String runId;
    private final OutputWriterFactory factory;
    private final Broadcast<SerializableConfiguration> conf;

    private TrajectoryFiles(String table, String runId, OutputWriterFactory factory, Broadcast<SerializableConfiguration> conf) {
        this.table = table;
        this.runId = runId;
        this.factory = factory;
        this.conf = conf;
    }

    /**
     * On the driver: the writer set-up for the run {@code runId}'s files in {@code table}; its Hadoop
     * configuration is broadcast once (call {@link #close} when the run is done).
     */
    static TrajectoryFiles prepare(SparkSession spark, Path table, String runId) throws IOException {
        DriverParquet.Prepared p = DriverParquet.prepare(spark, Schemas.trajectoryFile(), Schemas.trajectoryWriteOptions());
        p.conf().set(org.apache.parquet.hadoop.ParquetOutputFormat.WRITE_SUPPORT_CLASS, TrajectoryWriteSupport.class.getName());
        Broadcast<SerializableConfiguration> conf = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .broadcast(new SerializableConfiguration(p.conf()));
        return new TrajectoryFiles(table.toString(), runId, p.factory(), conf);
    }

    /** On the driver, after the last wave: drops the broadcast configuration. */
    void close() {
        conf.destroy();
    }

    /** The folder of the run's attempts under {@code table}. */
    static Path runTemporary(Path table, String runId) {
        return new Path(new Path(table, TEMPORARY), runId);
    }

    /**
     * On the driver, at the end of a run: deletes the run's attempt folders (those of attempts
     * that were killed) and {@code _temporary/} itself when nothing else is in it.
     */
    static void clean(FileSystem fs, Path table, String runId) throws IOException {
        Path run = runTemporary(table, runId);
        fs.delete(run, true);
        DriverParquet.deleteIfEmpty(fs, run.getParent());
    }

    /** The name of a task's file in each {@code n=} folder: from the task's first block, the same for every attempt. */
    String fileName(Block first, String extension) {
        return "part-" + runId + "-" + first.cellId() + "-" + first.from() + extension;
    }

    /**
     * Opens the files of one task attempt.
     *
     * @param first the task's first block (names its files)
     * @param stage Spark's ids of the attempt (with {@code partition}, {@code attemptNumber}, and
     *              {@code attemptId}, unique in the application, which names its folder)
     */
    Attempt open(Block first, int stage, int partition, int attemptNumber, long attemptId) {
        return new Attempt(first, stage, partition, attemptNumber, attemptId);
    }

    /** The files of one task attempt, one per {@code n}, opened as rows for it arrive. */
    final class Attempt {
        private final Configuration hadoop = conf.value().value();
        private final TaskAttemptContextImpl context;
        private final Path folder;
        private final String name;
        private final Map<Integer, OutputWriter> writers = new TreeMap<>();
        private final StructType schema = Schemas.trajectoryFile();

        private Attempt(Block first, int stage, int partition, int attemptNumber, long attemptId) {
            context = DriverParquet.context(hadoop, stage, partition, attemptNumber);
            folder = new Path(runTemporary(new Path(table), runId), "attempt-" + attemptId);
            name = fileName(first, factory.getFileExtension(context));
        }

        /** Writes one row (of {@link Schemas#trajectoryFile}) into this attempt's file for {@code n}. */
        void write(int n, InternalRow row) {
            OutputWriter w = writers.get(n);
            if (w == null) {
                w = factory.newInstance(new Path(new Path(folder, N + "=" + n), name).toString(), schema, context);
                writers.put(n, w);
            }
            w.write(row);
        }

        /**
         * Completes the attempt: closes its files and renames each into its {@code n=} folder; for
         * each of the task's {@code ns} without rows in this attempt, deletes what an earlier attempt
         * left there, so the table holds exactly the rows of the attempt that completed last.
         */
        void commit(Collection<Integer> ns) throws IOException {
            Path root = new Path(table);
            FileSystem fs = root.getFileSystem(hadoop);
            for (OutputWriter w : writers.values()) w.close();
            for (int n : ns) {
                Path partition = new Path(root, N + "=" + n), target = new Path(partition, name);
                if (!writers.containsKey(n)) {
                    fs.delete(target, false);
                    continue;
                }
                Path written = new Path(new Path(folder, N + "=" + n), name);
                fs.mkdirs(partition);
                if (!fs.rename(written, target)) {
                    // HDFS does not rename onto an existing file (local disks replace it): the file
                    // there is an earlier attempt's of this task, with the same rows.
                    if (!fs.exists(target) || !fs.delete(target, false) || !fs.rename(written, target)) {
                        throw new IOException("cannot move " + written + " to " + target);
                    }
                }
            }
            writers.clear();
            fs.delete(folder, true);
        }

        /** Abandons the attempt: closes what is open (errors ignored, the failure is reported already) and deletes its folder. */
        void abort() {
            for (OutputWriter w : writers.values()) {
                try {
                    w.close();
                } catch (Exception e) { // a Scala method may throw a checked IOException
                    // the attempt failed already: its exception is the one to report
                }
            }
            writers.clear();
            try {
                new Path(table).getFileSystem(hadoop).delete(folder, true);
            } catch (IOException e) {
                // the next run deletes _temporary/ before it plans
            }
        }
    }
}
