package org.memsweep.jobs.cli;

import static org.memsweep.analysis.table.Columns.*;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.memsweep.engine.InvalidParameterException;
import org.memsweep.analysis.verdict.Verdict;
import org.memsweep.engine.bank.NetworkArrays;
import org.memsweep.engine.cell.Cell;
import org.memsweep.jobs.bank.BankJob;
import org.memsweep.jobs.bank.BankNetworks;
import org.memsweep.jobs.bank.BankPlan;
import org.memsweep.jobs.bank.BankTable;
import org.memsweep.jobs.sweep.OutputRoot;
import org.memsweep.jobs.sweep.RootLock;
import org.memsweep.jobs.sweep.SweepJob;
import org.memsweep.jobs.sweep.SweepSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code memsweep sweep}: a grid spec becomes Parquet tables, on Spark (local mode by default). */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Runs a sweep: every cell of the spec's grid, its seeds split across Spark tasks; results in "
                + "Parquet under --out (trajectories/, cells/, runs/). Rerunning into the same --out computes only what is missing.",
                "One sweep at a time writes an output root (a lock file " + RootLock.LOCK + "). Limits: at most "
                + SweepSpec.MAX_CELLS + " cells, " + SweepSpec.MAX_SEEDS + " seeds per cell, " + SweepSpec.MAX_TRAJECTORIES
                + " trajectories, " + SweepJob.MAX_BLOCKS + " blocks (cells × ⌈seeds / block size⌉)."})
public final class SweepCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SpecOptions specOptions;

    @Option(names = "--out", paramLabel = "<path>", description = "output root: a local folder or a path on a Hadoop file system "
            + "on the classpath (hdfs://; others such as s3a:// need their package, e.g. through spark-submit --packages) (default: ${DEFAULT-VALUE})",
            defaultValue = "results")
    String out;

    @Option(names = "--master", paramLabel = "<url>", description = "Spark master (default: local[*], or what spark-submit set)")
    String master;

    @Option(names = "--partitions", paramLabel = "<count>", description = "Spark partitions per wave, each wave 4 × P blocks (default: tasks of about --block-size seeds, several per core)")
    Integer partitions;

    @Option(names = "--block-size", paramLabel = "<seeds>", description = "most seeds per task block (default: ${DEFAULT-VALUE})", defaultValue = "" + SweepJob.DEFAULT_BLOCK_SIZE)
    long blockSize;

    @Option(names = "--seed", paramLabel = "<long>", description = "master seed (same as --set seed=…)")
    Long seed;

    @Option(names = "--overwrite", description = "replace the tables of an output root memsweep wrote (it carries "
            + OutputRoot.MARKER + ") and start afresh; files memsweep did not write stay, and a folder that is not a memsweep root is refused")
    boolean overwrite;

    @Option(names = "--train-missing", description = "first train the networks of cells with high-noise/low-noise: trained "
            + "that --out's bank/ lacks (as memsweep bank with the same spec), then sweep; without it such a sweep stops, listing them")
    boolean trainMissing;

    @Option(names = "--verbose", description = "Spark's INFO logs and console progress bar")
    boolean verbose;

    @Option(names = "--quiet", description = "no progress line")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        // 1. Validate everything before Spark starts.
        Map<String, Object> raw = specOptions.raw("default");
        if (seed != null) raw.put("seed", seed);
        if (partitions != null && partitions < 1) throw new InvalidParameterException("partitions", partitions, "an integer ≥ 1");
        if (blockSize < 1) throw new InvalidParameterException("block-size", blockSize, "an integer ≥ 1");
        MasterUrl.check(master);
        SweepSpec sweep = SweepSpec.of(raw);
        SweepJob.checkPlanSize(sweep.cellCount(), sweep.seeds(), blockSize);
        Output.requireWritableRoot(out);
        OutputRoot.check(out, overwrite);
        PrintWriter o = spec.commandLine().getOut();
        // Cells on trained networks are built once the bank is read (on Spark); the rest now.
        BankPlan bankPlan = BankPlan.forSweep(sweep);
        boolean trained = !bankPlan.chains().isEmpty();
        if (trained) SoftwareFma.warn("memsweep sweep", System.err);
        if (trained && !trainMissing) {
            org.apache.hadoop.fs.Path bankDir = new org.apache.hadoop.fs.Path(out, BANK);
            if (!bankDir.getFileSystem(new org.apache.hadoop.conf.Configuration()).exists(bankDir)) {
                BankNetworks.check(sweep, bankPlan, Map.of(), out); // throws, listing every network: no need to start Spark
            }
        }
        List<Cell> cells = trained ? null : sweep.buildCells(o::println, quiet ? null : System.err);
        if (cells != null) header(o, sweep, cells);

        // 2. Run on Spark.
        SweepJob[] job = new SweepJob[1];
        onCtrlC(() -> job[0] == null ? 0 : job[0].committedCells());
        SparkSession spark = Spark.session("memsweep sweep " + sweep.name(), master, verbose);
        try {
            java.util.HashMap<String, NetworkArrays> networks = null;
            if (trained) {
                if (trainMissing) {
                    BankJob.Result b = new BankJob(spark).run(bankPlan, out, System.err);
                    o.println("bank: " + b.summary());
                }
                org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(out);
                var rows = BankTable.read(spark, root.getFileSystem(spark.sparkContext().hadoopConfiguration()), root, bankPlan.keys());
                java.util.HashMap<String, NetworkArrays> have = BankNetworks.check(sweep, bankPlan, rows, out);
                Map<String, org.memsweep.engine.denoiser.ReluNetwork> decoded = new java.util.HashMap<>();
                cells = sweep.buildCells(o::println, quiet ? null : System.err, (p, t) -> BankNetworks.networks(p, t, have, decoded));
                header(o, sweep, cells);
                networks = have;
            }
            job[0] = new SweepJob(spark).withBank(networks);
            SweepJob.Result r = job[0].run(sweep, cells, new SweepJob.Options(out, partitions, blockSize,
                    overwrite, org.memsweep.analysis.render.Json.write(raw), quiet ? null : untilInterrupted(System.err)));
            o.printf(Locale.ROOT, "%d cells: %d computed, %d already complete (skipped); %d trajectories in %.1f s%n",
                    r.cellsTotal(), r.cellsComputed(), r.cellsSkipped(), r.trajectories(), r.seconds());
            printSummary(o, spark, cells);
            List<String> ids = new ArrayList<>();
            for (Cell c : cells) ids.add(c.id());
            Verdict verdict = Verdict.compute(spark.read().parquet(out + "/" + CELLS).where(functions.col(CELL_ID).isin(ids.toArray())));
            o.println();
            o.print(org.memsweep.analysis.render.VerdictText.render(verdict));
            o.printf(Locale.ROOT, "%ntables: %s/{trajectories,cells,runs}; query them with ./memsweep sql --out %s \"SELECT …\", "
                    + "plot them with ./memsweep report --out %s%n", out, out, out);
            if (!r.failedCells().isEmpty()) {
                o.println("FAILED cells (every retry failed; the rest of the sweep completed):");
                r.failedCells().forEach((id, why) -> o.println("  " + id + ": " + why));
                o.flush();
                return 1;
            }
            o.flush();
            return 0;
        } finally {
            spark.stop();
        }
    }

    private void header(PrintWriter o, SweepSpec sweep, List<Cell> cells) {
        o.printf(Locale.ROOT, "memsweep sweep '%s': %d cells × %d seeds = %d trajectories → %s%n",
                sweep.name(), cells.size(), sweep.seeds(), cells.size() * sweep.seeds(), out);
        o.flush();
    }

    /** Exit code after Ctrl-C (128 + SIGINT, as shells report it). */
    public static final int INTERRUPTED = 130;

    private static volatile boolean interrupted;

    /** True once Ctrl-C stopped a sweep in this JVM: what fails afterwards is Spark stopping, not an error. */
    public static boolean interrupted() {
        return interrupted;
    }

    /**
     * Ctrl-C: one line instead of Spark's dozens, then exit 130. The exit runs the shutdown hooks, so
     * Spark stops and the root's lock is released; the rows already committed stay, and a rerun resumes.
     */
    /**
     * {@code err} until Ctrl-C, silent after: the progress thread holds its stream, so replacing
     * System.err in the handler would not stop a status line from following the one-line message.
     */
    private static java.io.PrintStream untilInterrupted(java.io.PrintStream err) {
        return new java.io.PrintStream(new java.io.FilterOutputStream(err) {
            @Override
            public void write(int b) throws java.io.IOException {
                if (!interrupted) out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws java.io.IOException {
                if (!interrupted) out.write(b, off, len);
            }
        }, true, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void onCtrlC(java.util.function.IntSupplier committed) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), sig -> {
                if (interrupted) return;
                interrupted = true;
                System.err.println("memsweep sweep: interrupted; rerun the same command to resume (" + committed.getAsInt() + " cells committed)");
                System.err.flush();
                org.apache.logging.log4j.core.config.Configurator.setAllLevels(org.apache.logging.log4j.LogManager.ROOT_LOGGER_NAME,
                        org.apache.logging.log4j.Level.OFF);
                java.io.PrintStream nowhere = new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
                System.setErr(nowhere);
                System.setOut(nowhere);
                System.exit(INTERRUPTED);
            });
        } catch (IllegalArgumentException e) {
            // no SIGINT on this platform or JVM (e.g. -Xrs): Ctrl-C keeps its default behaviour
        }
    }

    /** The per-cell summary of this spec's cells: memorized fraction with its interval beside the exact value. */
    private void printSummary(PrintWriter o, SparkSession spark, List<Cell> cells) {
        List<String> ids = new ArrayList<>();
        for (Cell c : cells) ids.add(c.id());
        Dataset<Row> rows = spark.read().parquet(out + "/" + CELLS).where(functions.col(CELL_ID).isin(ids.toArray()))
                .orderBy(DATASET, FLOW, D, N);
        o.printf(Locale.ROOT, "%-16s %-11s %5s %5s %8s  %-25s %9s %9s %9s %9s%n", "cell", "flow", "d", "n", "seeds",
                "memorized [95% Wilson]", "exact", "virtual", "manifold", "other");
        for (Row r : rows.collectAsList()) {
            Object exact = r.getAs(Outcome.MEMORIZED.exactColumn());
            o.printf(Locale.ROOT, "%-16s %-11s %5d %5d %8d  %.4f [%.4f, %.4f]  %9s %9.4f %9.4f %9.4f%n",
                    r.<String>getAs(CELL_ID), r.<String>getAs(FLOW), r.<Integer>getAs(D), r.<Integer>getAs(N), r.<Long>getAs(SEEDS),
                    r.<Double>getAs(Outcome.MEMORIZED.fracColumn()), r.<Double>getAs(Outcome.MEMORIZED.loColumn()),
                    r.<Double>getAs(Outcome.MEMORIZED.hiColumn()), exact == null ? "-" : String.format(Locale.ROOT, "%.4f", (Double) exact),
                    r.<Double>getAs(Outcome.VIRTUAL.fracColumn()), r.<Double>getAs(Outcome.MANIFOLD.fracColumn()),
                    r.<Double>getAs(Outcome.OTHER.fracColumn()));
        }
    }
}
