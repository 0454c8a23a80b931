package org.memsweep.engine.cell;

import org.memsweep.engine.InvalidParameterException;
import org.memsweep.engine.data.DatasetSpec;
import org.memsweep.engine.data.Norms;
import org.memsweep.engine.data.TrainingSet;
import org.memsweep.engine.data.TrainingSets;
import org.memsweep.engine.denoiser.RampSumDenoiser;
import org.memsweep.engine.flow.KarrasSchedule;
import org.memsweep.engine.rng.Seeds;

/**
 * The noise levels at which a cell needs trained min-norm networks (science.md §3.4 and §4): with
 * {@code high-noise = trained} the levels of its Karras schedule above σ_switch, with
 * {@code low-noise = trained} those at and below it (σ_switch resolved by the cell's auto rule,
 * {@link AutoParams}), decreasing; and the training set they are trained on — the cell's own
 * (same seed derivation as {@link Cell}). Trained networks are used by the probability flow only.
 *
 * @param data     the training set's definition
 * @param dataSeed the seed it is generated from
 * @param levels   the levels needing a network, decreasing; empty when the cell uses none
 */
public record TrainedLevels(DatasetSpec data, long dataSeed, double[] levels) {
    /** What {@code p} needs; cost: generating its training set when it uses a trained denoiser (for σ_switch). */
    public static TrainedLevels of(CellParams p) {
        boolean high = p.highNoise() == HighNoise.TRAINED, low = p.lowNoise() == LowNoise.TRAINED;
        DatasetSpec ds = new DatasetSpec(p.dataset(), p.n(), p.d(), p.kappa(), Norms.parse(p.norms()), p.rotation() == RotationKind.RANDOM);
        long seed = Seeds.derive(p.seed(), "dataset", Seeds.fnv1a(ds.canonical()));
        if (!high && !low) return new TrainedLevels(ds, seed, new double[0]);
        if (p.flow() != FlowKind.PROBABILITY) {
            throw new InvalidParameterException(high ? "high-noise" : "low-noise", "trained",
                    "a probability-flow cell (trained networks are trained at the schedule's levels)");
        }
        KarrasSchedule schedule = new KarrasSchedule(p.sigmaMax(), p.sigmaMin(), p.steps(), p.karrasRho());
        double sw = p.sigmaSwitch();
        if (Double.isNaN(sw)) {
            double validBelow = p.lowNoise() == LowNoise.CLOSED
                    ? RampSumDenoiser.forData(TrainingSets.generate(ds, seed), AutoParams.alpha(p)).validBelow()
                    : Double.POSITIVE_INFINITY;
            sw = AutoParams.defaultSwitch(schedule, validBelow);
        }
        double[] all = schedule.sigmas();
        int count = 0;
        double[] pick = new double[all.length];
        for (double s : all) if (s > sw ? high : low) pick[count++] = s;
        return new TrainedLevels(ds, seed, java.util.Arrays.copyOf(pick, count));
    }

    /** The training set (generated; cost O(N·d), more with a rotation). */
    public TrainingSet trainingSet() {
        return TrainingSets.generate(data, dataSeed);
    }

    /** Whether the cell needs no trained network. */
    public boolean isEmpty() {
        return levels.length == 0;
    }
}
