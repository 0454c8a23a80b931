package org.memsweep.jobs.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.memsweep.engine.train.TrainSettings;
import org.memsweep.jobs.bank.BankJob;
import org.memsweep.jobs.bank.BankPlan;
import org.memsweep.jobs.sweep.OutputRoot;
import org.memsweep.jobs.sweep.SweepSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code memsweep bank}: trains the min-norm networks a spec's trained cells need into {@code bank/} (science.md §3.4). */
@Command(name = "bank", mixinStandardHelpOptions = true,
        description = {"Trains the networks the spec's cells with high-noise: trained (levels above σ_switch) or low-noise: trained "
                + "(levels at and below it) need, one Spark task per warm-start chain (a training set's levels, from the highest down, "
                + "each starting from the one above), into the Parquet table bank/ under --out. Networks already there are reused, "
                + "never retrained; a killed run loses only the chains in flight. Query it with: memsweep sql --out PATH \"SELECT … FROM bank\"."})
public final class BankCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SpecOptions specOptions;

    @Option(names = "--train", paramLabel = "<k=v;…>", description = "training settings changed from the defaults, for every cell (same as --set train=…; keys: " + TrainSettings.KEYS + ")")
    String train;

    @Option(names = "--out", paramLabel = "<path>", description = "output root holding bank/ (default: ${DEFAULT-VALUE})", defaultValue = "results")
    String out;

    @Option(names = "--master", paramLabel = "<url>", description = "Spark master (default: local[*], or what spark-submit set)")
    String master;

    @Option(names = "--verbose", description = "Spark's INFO logs and console progress bar")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        // 1. Validate everything before Spark starts.
        Map<String, Object> raw = specOptions.raw(null);
        // --train replaces every cell's train parameter; without it each cell keeps its own (the defaults unless the spec sets train).
        TrainSettings settings = train == null ? null : TrainSettings.parse(train);
        MasterUrl.check(master);
        SweepSpec sweep = SweepSpec.of(raw);
        BankPlan plan = BankPlan.of(sweep, settings);
        Output.requireWritableRoot(out);
        OutputRoot.check(out, false);
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "memsweep bank '%s': %d networks in %d warm-start chains (training: %s) → %s/bank%n",
                sweep.name(), plan.networks(), plan.chains().size(), plan.settingsText(), out);
        o.flush();

        // 2. Train on Spark.
        SparkSession spark = Spark.session("memsweep bank " + sweep.name(), master, verbose);
        try {
            BankJob.Result r = new BankJob(spark).run(plan, out, System.err);
            o.println(r.summary());
            o.flush();
            return 0;
        } finally {
            spark.stop();
        }
    }
}
