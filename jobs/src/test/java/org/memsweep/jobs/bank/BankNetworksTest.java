package org.memsweep.jobs.bank;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.memsweep.engine.InvalidParameterException;
import org.memsweep.engine.bank.BankKey;
import org.memsweep.engine.bank.NetworkArrays;
import org.memsweep.engine.cell.CellParams;
import org.memsweep.engine.cell.TrainedLevels;
import org.memsweep.engine.denoiser.ReluNetwork;
import org.memsweep.engine.train.TrainSettings;
import org.memsweep.jobs.sweep.SweepSpec;

class BankNetworksTest {
    private static final Map<String, Object> CELL = Map.of("d", 4, "n", 2, "steps", 6, "sigma-max", 2.0, "sigma-min", 0.01,
            "sigma-switch", 0.05, "high-noise", "trained", "train", "width=8");

    private static NetworkArrays arrays(int d, int k, double value) {
        double[] kd = new double[k * d];
        java.util.Arrays.fill(kd, value);
        return new NetworkArrays(d, k, kd.clone(), kd.clone(), new double[k], new double[0], new double[d]);
    }

    @Test
    void keysNameTheCellsTrainingSettingsAndItsChain() {
        CellParams p = CellParams.fromMap(CELL);
        TrainedLevels t = TrainedLevels.of(p);
        String[] keys = BankNetworks.keys(p, t);
        assertEquals(4, keys.length);
        for (int i = 0; i < keys.length; i++) {
            assertEquals(BankKey.of(t.data(), t.dataSeed(), t.levels()[i], TrainSettings.parse("width=8"), t.levels()), keys[i]);
        }
        assertNotEquals(keys[0], BankNetworks.keys(p.with("train", "width=16"), t)[0], "other settings, other networks");
        // The sweep's plan asks the bank for the same keys.
        assertArrayEquals(keys, BankPlan.forSweep(SweepSpec.of(new HashMap<>(CELL))).chains().get(0).keys());
    }

    @Test
    void networksAreDecodedOnceAndAMissingOneIsNamed() {
        CellParams p = CellParams.fromMap(CELL);
        TrainedLevels t = TrainedLevels.of(p);
        String[] keys = BankNetworks.keys(p, t);
        Map<String, NetworkArrays> bank = new HashMap<>();
        for (int i = 0; i < keys.length; i++) bank.put(keys[i], arrays(4, 3, i + 1));
        Map<String, ReluNetwork> decoded = new HashMap<>();
        ReluNetwork[] first = BankNetworks.networks(p, t, bank, decoded);
        assertEquals(4, first.length);
        assertEquals(4, decoded.size());
        double[] out = new double[4];
        first[2].denoise(new double[] {1, 0, 0, 0}, t.levels()[2], out);
        assertEquals(3 * 3.0 * 3.0, out[0], 0.0, "the third level's network: 3 units of a = w = 3, input e_1");
        ReluNetwork[] again = BankNetworks.networks(p, t, bank, decoded);
        for (int i = 0; i < 4; i++) assertSame(first[i], again[i], "decoded once");

        bank.remove(keys[1]);
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> BankNetworks.networks(p, t, bank, new HashMap<>()));
        assertTrue(e.getMessage().contains("no network " + keys[1]), e.getMessage());
        assertTrue(e.getMessage().contains("run memsweep bank with the same spec"), e.getMessage());
    }

    @Test
    void aSweepWithoutBankGetsOneLineListingWhatIsMissing() {
        SweepSpec spec = SweepSpec.of(new HashMap<>(Map.of("d", 4, "n", List.of(2, 3), "steps", 6, "sigma-max", 2.0,
                "sigma-min", 0.01, "sigma-switch", 0.05, "high-noise", "trained")));
        BankPlan plan = BankPlan.forSweep(spec);
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> BankNetworks.check(spec, plan, Map.of(), "res"));
        String m = e.getMessage();
        assertTrue(m.startsWith("bank = 8 of 8 networks missing from res/bank ("), m);
        assertTrue(m.contains("n=2") && m.contains("n=3") && m.contains("at σ = 2.00000, "), m);
        assertTrue(m.contains("the schedule's levels and the bank's must match exactly"), m);
        assertTrue(m.endsWith("run memsweep bank with the same spec, or add --train-missing"), m);
        assertFalse(m.contains("\n"), "one line");
    }
}
