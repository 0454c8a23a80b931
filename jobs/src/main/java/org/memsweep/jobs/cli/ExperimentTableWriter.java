package org.memsweep.jobs.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.memsweep.jobs.sweep.OutputRoot;
import org.memsweep.jobs.sweep.RootLock;

/**
 * Appends one run of a paper experiment to its table under an output root, with the root's rules
 * of a sweep: a marked root (or a new or empty folder, then marked), one writer at a time (the
 * root's lock), one Parquet file per run.
 */
final class ExperimentTableWriter {
    private ExperimentTableWriter() {}

    /** The wall and process-CPU time since {@link #start}, for an experiment's last line. */
    record Stopwatch(long wall0, long cpu0) {
        static Stopwatch start() {
            return new Stopwatch(System.nanoTime(), os().getProcessCpuTime());
        }

        /** "wall W s, CPU C s". */
        String elapsed() {
            return String.format(Locale.ROOT, "wall %.1f s, CPU %.1f s", (System.nanoTime() - wall0) / 1e9, (os().getProcessCpuTime() - cpu0) / 1e9);
        }

        private static com.sun.management.OperatingSystemMXBean os() {
            return (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        }
    }

    /** The experiment's closing lines: where its table is, how to query its {@code view}, and {@code clock}'s time. */
    static String summary(Path table, String runId, String out, String view, Stopwatch clock) {
        return String.format(Locale.ROOT, "table: %s (run %s); query it with ./memsweep sql --out %s \"SELECT * FROM %s\"%n%s%n",
                table, runId, out, view, clock.elapsed());
    }

    /** Appends {@code rows} (of {@code schema}) to {@code root/table}; returns the table's path. */
    static Path append(SparkSession spark, String out, String runId, String table, StructType schema, List<Row> rows) throws IOException {
        Path root = new Path(out);
        FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
        OutputRoot.State state = OutputRoot.check(fs, root, false);
        try (RootLock lock = RootLock.acquire(fs, root, runId, System.err)) {
            OutputRoot.prepare(fs, root, state, false);
            Path path = new Path(root, table);
            spark.createDataFrame(rows, schema).coalesce(1).write().mode(SaveMode.Append).parquet(path.toString());
            return path;
        }
    }
}
