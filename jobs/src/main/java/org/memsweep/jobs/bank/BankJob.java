package org.memsweep.jobs.bank;

import static org.memsweep.analysis.table.Columns.*;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.memsweep.jobs.sweep.OutputRoot;
import org.memsweep.jobs.sweep.RootLock;
import org.memsweep.jobs.sweep.SweepJob;

/**
 * Builds the bank (science.md §3.4): trains the networks of a {@link BankPlan} that {@code bank/} does
 * not hold, one Spark task per warm-start chain, and appends them to {@code bank/}. Entries present are
 * reused, never retrained.
 * <p>Resume protocol. The write uses Hadoop's file output committer algorithm 2, under which a task's
 * commit moves its one Parquet file (its chain's rows) into {@code bank/} at once; so each finished
 * chain is in the table as soon as its task ends, and a run killed at any moment loses only the chains
 * in flight, whose partial output stays in {@code _temporary/} (readers ignore it; the next run deletes
 * it). Spark's commit coordination lets one attempt of a task commit, so no chain is written twice; the
 * run holds the root's {@link RootLock} throughout and writes into marked roots only ({@link OutputRoot}).
 */
public final class BankJob {
    /**
     * What a run did: networks the plan needs, those already present, those trained now, how many of
     * the needed meet their tolerance, the run's wall seconds; and for the training job: its wall
     * seconds, the training seconds summed over the networks it wrote, and the cores it had.
     */
    public record Result(String runId, int needed, int present, int trained, int chainsTrained, int metTolerance, double seconds,
                         double jobSeconds, double trainSeconds, int cores) {
        /** Summed training time / (the job's wall time × cores): how well the chains kept the cores busy; NaN without a job. */
        public double efficiency() {
            return chainsTrained == 0 ? Double.NaN : trainSeconds / (jobSeconds * cores);
        }

        /** The one-line summary sweep and bank print. */
        public String summary() {
            String s = String.format(Locale.ROOT, "%d networks: %d already in the bank (reused), %d trained in %d chains; %d of %d meet their tolerance; %.1f s",
                    needed, present, trained, chainsTrained, metTolerance, needed, seconds);
            if (chainsTrained == 0) return s;
            return s + String.format(Locale.ROOT, " (training job %.1f s on %d cores, %.2f s of training summed over the networks: efficiency %.2f)",
                    jobSeconds, cores, trainSeconds, efficiency());
        }
    }

    private final SparkSession spark;

    public BankJob(SparkSession spark) {
        this.spark = spark;
    }

    /** Runs {@code plan} into the output root {@code out}; {@code notes} gets the lock's notes. */
    public Result run(BankPlan plan, String out, PrintStream notes) throws IOException {
        long t0 = System.nanoTime();
        String runId = SweepJob.newRunId(Instant.now());
        Path root = new Path(out);
        FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
        OutputRoot.State state = OutputRoot.check(fs, root, false);
        try (RootLock lock = RootLock.acquire(fs, root, runId, notes)) {
            List<String> keys = plan.keys();
            Map<String, Row> present = BankTable.read(spark, fs, root, keys);
            OutputRoot.prepare(fs, root, state, false);
            Path bank = new Path(root, BANK);
            // Chains a killed run had not finished: their partial files would otherwise be moved in by this job's commit.
            fs.delete(new Path(bank, "_temporary"), true);
            BankPlan withPresent = plan.withPresent(present.keySet());
            List<BankPlan.Chain> chains = withPresent.toTrain();
            int trained = 0;
            for (BankPlan.Chain c : chains) trained += c.missing();
            long job0 = System.nanoTime();
            if (!chains.isEmpty()) {
                spark.sparkContext().setJobGroup("memsweep-bank-" + runId, "memsweep bank: " + chains.size() + " chains", false);
                JavaRDD<Row> rows = JavaSparkContext.fromSparkContext(spark.sparkContext())
                        .parallelize(chains, chains.size()) // one task per chain
                        .mapPartitions(new ChainTask(runId));
                spark.createDataFrame(rows, BankTable.schema()).write()
                        .option("mapreduce.fileoutputcommitter.algorithm.version", "2")
                        .mode(SaveMode.Append).parquet(bank.toString());
                spark.sparkContext().clearJobGroup();
            }
            double jobSeconds = (System.nanoTime() - job0) / 1e9;
            Map<String, Row> all = BankTable.read(spark, fs, root, keys);
            int met = 0;
            double trainSeconds = 0;
            for (Row r : all.values()) {
                if (r.<Boolean>getAs(MET_TOLERANCE)) met++;
                if (runId.equals(r.getAs(RUN_ID))) trainSeconds += r.<Double>getAs(TRAIN_SECONDS);
            }
            return new Result(runId, keys.size(), present.size(), trained, chains.size(), met, (System.nanoTime() - t0) / 1e9,
                    jobSeconds, trainSeconds, spark.sparkContext().defaultParallelism());
        }
    }
}
