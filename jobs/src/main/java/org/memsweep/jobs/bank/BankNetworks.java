package org.memsweep.jobs.bank;

import static org.memsweep.analysis.table.Columns.MET_TOLERANCE;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.memsweep.engine.InvalidParameterException;
import org.memsweep.engine.bank.BankKey;
import org.memsweep.engine.bank.NetworkArrays;
import org.memsweep.engine.cell.AllowUntolerated;
import org.memsweep.engine.cell.CellParams;
import org.memsweep.engine.cell.TrainedLevels;
import org.memsweep.engine.denoiser.ReluNetwork;
import org.memsweep.engine.train.TrainSettings;
import org.memsweep.jobs.sweep.SweepSpec;

/**
 * The bank's networks as a sweep uses them (science.md §3.4): the {@link BankKey}s a trained cell
 * needs (one per level of its {@link TrainedLevels}, trained with its {@code train} settings in the
 * chain of those levels), the check a sweep makes before it runs (every network there; none that
 * missed its tolerance unless the cell allows it), and the lookup cells are built with.
 */
public final class BankNetworks {
    private BankNetworks() {}

    /** Most chains a message lists one by one. */
    private static final int LISTED = 5;

    /** The keys of the networks {@code p} needs, one per level of {@code t}, in its order. */
    public static String[] keys(CellParams p, TrainedLevels t) {
        TrainSettings s = TrainSettings.parse(p.train());
        String[] keys = new String[t.levels().length];
        for (int i = 0; i < keys.length; i++) keys[i] = BankKey.of(t.data(), t.dataSeed(), t.levels()[i], s, t.levels());
        return keys;
    }

    /**
     * Checks that {@code rows} (the bank's rows of {@code plan}'s keys, {@link BankTable#read}) hold every
     * network {@code spec}'s cells need, and that a cell with {@code allow-untolerated: no} needs none that
     * missed its tolerance; returns the networks by key. Otherwise one {@link InvalidParameterException}
     * listing what is missing or untolerated, per cell and σ level.
     */
    public static HashMap<String, NetworkArrays> check(SweepSpec spec, BankPlan plan, Map<String, Row> rows, String out) {
        List<BankPlan.Chain> missing = plan.withPresent(rows.keySet()).toTrain();
        if (!missing.isEmpty()) {
            int count = 0;
            List<String> which = new ArrayList<>();
            for (BankPlan.Chain c : missing) {
                count += c.missing();
                List<Double> levels = new ArrayList<>();
                for (int i = 0; i < c.levels().length; i++) if (!c.present()[i]) levels.add(c.levels()[i]);
                which.add(spec.describe(c.cell()) + " at σ = " + sigmas(levels));
            }
            throw new InvalidParameterException("bank", count + " of " + plan.networks() + " networks missing from " + out
                    + "/bank (" + list(which) + ")", "every network the trained cells need, at exactly their schedule's levels "
                    + "(the schedule's levels and the bank's must match exactly; other levels or training settings are other "
                    + "networks): run memsweep bank with the same spec, or add --train-missing");
        }
        Map<String, List<Double>> untolerated = new LinkedHashMap<>();
        int count = 0;
        for (Map<String, Object> m : spec.cellMaps()) {
            CellParams p = CellParams.fromMap(m);
            TrainedLevels t = TrainedLevels.of(p);
            if (t.isEmpty() || p.allowUntolerated() == AllowUntolerated.YES) continue;
            String[] keys = keys(p, t);
            List<Double> levels = new ArrayList<>();
            for (int i = 0; i < keys.length; i++) if (!rows.get(keys[i]).<Boolean>getAs(MET_TOLERANCE)) levels.add(t.levels()[i]);
            if (!levels.isEmpty() && untolerated.putIfAbsent(spec.describe(m) + " at σ = " + sigmas(levels), levels) == null) {
                count += levels.size();
            }
        }
        if (!untolerated.isEmpty()) {
            throw new InvalidParameterException("bank", count + " network" + (count == 1 ? "" : "s") + " in " + out
                    + "/bank that missed " + (count == 1 ? "its" : "their") + " training tolerance (" + list(new ArrayList<>(untolerated.keySet())) + ")",
                    "networks that met it, or allow-untolerated: yes for those cells (their rows record it); "
                            + "memsweep sql --out " + out + " \"SELECT * FROM bank\" shows each network's residual");
        }
        HashMap<String, NetworkArrays> networks = new HashMap<>();
        for (Map.Entry<String, Row> e : rows.entrySet()) networks.put(e.getKey(), BankTable.network(e.getValue()));
        return networks;
    }

    /**
     * The networks of {@code p}'s levels {@code t}, decoded from {@code bank} on first use and kept in
     * {@code decoded} (a network holds scratch buffers: one map per thread).
     */
    public static ReluNetwork[] networks(CellParams p, TrainedLevels t, Map<String, NetworkArrays> bank, Map<String, ReluNetwork> decoded) {
        String[] keys = keys(p, t);
        ReluNetwork[] nets = new ReluNetwork[keys.length];
        for (int i = 0; i < keys.length; i++) {
            String k = keys[i];
            ReluNetwork n = decoded.get(k);
            if (n == null) {
                NetworkArrays a = bank.get(k);
                if (a == null) {
                    throw new InvalidParameterException("bank", "no network " + k + " for σ = " + t.levels()[i],
                            "every network the cell needs (run memsweep bank with the same spec)");
                }
                n = a.toNetwork(k);
                decoded.put(k, n);
            }
            nets[i] = n;
        }
        return nets;
    }

    private static String sigmas(List<Double> levels) {
        List<String> s = new ArrayList<>();
        for (double x : levels) s.add(String.format(Locale.ROOT, "%.6g", x));
        return String.join(", ", s);
    }

    private static String list(List<String> items) {
        List<String> shown = items.subList(0, Math.min(LISTED, items.size()));
        return String.join("; ", shown) + (items.size() > LISTED ? "; and " + (items.size() - LISTED) + " more cells" : "");
    }
}
