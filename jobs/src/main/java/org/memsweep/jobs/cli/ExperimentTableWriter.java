package org.memsweep.jobs.cli;

import java.io.IOException;
import java.util.List;
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
