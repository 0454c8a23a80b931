package org.memsweep.engine.bank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.memsweep.engine.TestSupport.assertInvalid;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.memsweep.engine.data.DatasetKind;
import org.memsweep.engine.data.DatasetSpec;
import org.memsweep.engine.data.Norms;
import org.memsweep.engine.train.TrainSettings;

class BankKeyTest {
    private static final DatasetSpec DATA = new DatasetSpec(DatasetKind.ORTHOGONAL, 4, 6, 0, Norms.fixed(1), false);
    private static final double[] CHAIN = {2.0, 1.0, 0.5};

    @Test
    void isStableAndSixteenHexDigits() {
        String k = BankKey.of(DATA, 7, 1.0, TrainSettings.defaults(), CHAIN);
        assertTrue(k.matches("[0-9a-f]{16}"), k);
        assertEquals(k, BankKey.of(new DatasetSpec(DatasetKind.ORTHOGONAL, 4, 6, 0, Norms.fixed(1), false), 7, 1.0,
                TrainSettings.parse(""), CHAIN.clone()));
        // Pinned: the key must not change between versions, or every bank would be retrained.
        assertEquals("dataset=orthogonal;n=4;d=6;norms=fixed(1.0);rotation=none;data-seed=7;sigma=3ff0000000000000;"
                + TrainSettings.defaults().canonical() + ";chain=4000000000000000,3ff0000000000000,3fe0000000000000",
                BankKey.canonical(DATA, 7, 1.0, TrainSettings.defaults(), CHAIN));
    }

    @Test
    void everyIngredientChangesTheKey() {
        TrainSettings s = TrainSettings.defaults();
        List<String> keys = List.of(
                BankKey.of(DATA, 7, 1.0, s, CHAIN),
                BankKey.of(new DatasetSpec(DatasetKind.ORTHOGONAL, 4, 7, 0, Norms.fixed(1), false), 7, 1.0, s, CHAIN),
                BankKey.of(DATA, 8, 1.0, s, CHAIN),
                BankKey.of(DATA, 7, 0.5, s, CHAIN),
                BankKey.of(DATA, 7, Math.nextUp(1.0), s, new double[] {2.0, Math.nextUp(1.0), 0.5}),
                BankKey.of(DATA, 7, 1.0, s.with("width", "8"), CHAIN),
                BankKey.of(DATA, 7, 1.0, s, new double[] {1.0, 0.5}));
        Set<String> distinct = new HashSet<>(keys);
        assertEquals(keys.size(), distinct.size(), keys.toString());
        assertNotEquals(BankKey.of(DATA, 7, 1.0, s, CHAIN), BankKey.of(DATA, 7, 1.0, s.with("seed", "1"), CHAIN));
    }

    @Test
    void aLevelOutsideItsChainIsRefused() {
        assertInvalid("sigma", "0.25", () -> BankKey.of(DATA, 7, 0.25, TrainSettings.defaults(), CHAIN), "chain");
    }
}
