package org.memsweep.jobs.bank;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.memsweep.engine.InvalidParameterException;
import org.memsweep.engine.cell.CellParams;
import org.memsweep.engine.cell.TrainedLevels;
import org.memsweep.engine.train.TrainSettings;
import org.memsweep.jobs.sweep.SweepSpec;

/**
 * The networks a spec's cells need (science.md §3.4), as warm-start chains: one chain per training
 * set and set of levels (a cell's {@link TrainedLevels}), trained from its highest level down, each
 * level starting from the one above it. Cells that need the same chain share it; every network of a
 * chain has its own {@link BankKey}, which names the chain.
 * <p>Why chains: a level's min-norm solution is close to its neighbour's, so a warm start (network and
 * the augmented Lagrangian's multipliers, {@code MinNormTrainer.trainWarm}) needs far fewer Adam steps
 * than a cold one; the price is that a chain is sequential, so a chain is one Spark task and a
 * killed run loses the chains in flight.
 */
public record BankPlan(List<Chain> chains, TrainSettings settings) {
    // settings: what replaced every cell's train parameter, or null when each chain keeps its cell's own.
    /**
     * One chain: the parameters of a cell that needs it (to rebuild its training set on an executor),
     * the levels in training order (decreasing), their keys, and which keys the bank already holds.
     */
    public record Chain(LinkedHashMap<String, Object> cell, double[] levels, String[] keys, boolean[] present) implements Serializable {
        private static final long serialVersionUID = 1L;

        /** Networks of this chain the bank does not hold yet. */
        public int missing() {
            int m = 0;
            for (boolean p : present) if (!p) m++;
            return m;
        }

        /**
         * The chain's training work in Adam-step multiply-adds, roughly: levels to train (down to the
         * last missing one) × max-steps × N·M samples × K units × d.
         */
        public double work() {
            CellParams p = CellParams.fromMap(cell);
            TrainSettings s = TrainSettings.parse(p.train());
            return (double) (lastMissing() + 1) * s.maxSteps() * p.n() * s.copies() * s.width() * p.d();
        }

        /**
         * The index of the lowest level the bank does not hold (−1: none): a run trains the chain down to
         * it, since each level's warm start needs the one above, and no further.
         */
        public int lastMissing() {
            int last = present.length - 1;
            while (last >= 0 && present[last]) last--;
            return last;
        }
    }

    /**
     * The chains of every cell of {@code spec} that uses a trained denoiser, none present yet, with
     * {@code settings} replacing each cell's {@code train} parameter (null: each cell's own). A spec
     * without such cells is an error.
     */
    public static BankPlan of(SweepSpec spec, TrainSettings settings) {
        BankPlan plan = chains(spec, settings);
        if (plan.chains.isEmpty()) {
            throw new InvalidParameterException("high-noise", "mmse/none in every cell", "trained in some cell (high-noise: trained or "
                    + "low-noise: trained): the bank trains the networks such cells need, and this spec has none");
        }
        return plan;
    }

    /** The chains of {@code spec}'s trained cells with each cell's own training settings; empty when it has none (a sweep's check). */
    public static BankPlan forSweep(SweepSpec spec) {
        return chains(spec, null);
    }

    /**
     * The chains of the given cells (each with its own training settings), for commands that define
     * their cells themselves rather than by a spec (e.g. {@code experiment flows}); cells without a
     * trained denoiser add none.
     */
    public static BankPlan forCells(List<Map<String, Object>> cells) {
        return chains(cells, null);
    }

    private static BankPlan chains(SweepSpec spec, TrainSettings settings) {
        return chains(spec.cellMaps(), settings);
    }

    private static BankPlan chains(Iterable<Map<String, Object>> cells, TrainSettings settings) {
        Map<String, Chain> chains = new LinkedHashMap<>();
        for (Map<String, Object> given : cells) {
            Map<String, Object> m = given;
            if (settings != null) {
                m = new LinkedHashMap<>(given);
                m.put(org.memsweep.engine.cell.Param.TRAIN.key(), settings.canonical());
            }
            TrainedLevels t;
            CellParams p;
            try {
                p = CellParams.fromMap(m);
                t = TrainedLevels.of(p);
            } catch (InvalidParameterException e) {
                throw e.inContext("in the cell " + m);
            }
            if (t.isEmpty()) continue;
            String[] keys = BankNetworks.keys(p, t);
            chains.putIfAbsent(String.join(",", keys), new Chain(new LinkedHashMap<>(m), t.levels(), keys, new boolean[keys.length]));
        }
        return new BankPlan(new ArrayList<>(chains.values()), settings);
    }

    /** This plan with {@code present} marking the keys the bank holds. */
    public BankPlan withPresent(java.util.Set<String> present) {
        List<Chain> c = new ArrayList<>();
        for (Chain ch : chains) {
            boolean[] have = new boolean[ch.keys().length];
            for (int i = 0; i < have.length; i++) have[i] = present.contains(ch.keys()[i]);
            c.add(new Chain(ch.cell(), ch.levels(), ch.keys(), have));
        }
        return new BankPlan(c, settings);
    }

    /** The training settings of the plan's chains, distinct, in canonical form (" | " between several). */
    public String settingsText() {
        java.util.LinkedHashSet<String> s = new java.util.LinkedHashSet<>();
        for (Chain c : chains) s.add(CellParams.fromMap(c.cell()).train());
        return String.join(" | ", s);
    }

    /** Every key the plan needs. */
    public List<String> keys() {
        List<String> k = new ArrayList<>();
        for (Chain c : chains) for (String s : c.keys()) if (!k.contains(s)) k.add(s);
        return k;
    }

    /** Networks needed in all (distinct keys). */
    public int networks() {
        return keys().size();
    }

    /**
     * The chains with a network missing, what a run trains, the most work first: Spark starts tasks
     * in this order, and a long chain started last would leave the other cores idle at the end.
     */
    public List<Chain> toTrain() {
        List<Chain> c = new ArrayList<>();
        for (Chain ch : chains) if (ch.missing() > 0) c.add(ch);
        c.sort(java.util.Comparator.comparingDouble(Chain::work).reversed());
        return c;
    }
}
