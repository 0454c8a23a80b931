package org.memsweep.jobs.bank;

import static org.junit.jupiter.api.Assertions.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.memsweep.engine.InvalidParameterException;
import org.memsweep.engine.bank.BankKey;
import org.memsweep.engine.cell.CellParams;
import org.memsweep.engine.cell.TrainedLevels;
import org.memsweep.engine.train.TrainSettings;
import org.memsweep.jobs.sweep.SweepSpec;

class BankPlanTest {
    private static SweepSpec spec(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>(Map.of("d", 4, "n", List.of(2, 3), "steps", 6, "sigma-max", 2.0,
                "sigma-min", 0.01, "sigma-switch", 0.05, "high-noise", "trained"));
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return SweepSpec.of(m);
    }

    @Test
    void oneChainPerTrainingSetAndLevelsSharedByCellsThatDifferElsewhere() {
        TrainSettings s = TrainSettings.parse("width=8");
        // start-scale does not change the networks: 2 × 2 cells, 2 chains.
        BankPlan plan = BankPlan.of(spec("start-scale", List.of(0.5, 1.0)), s);
        assertEquals(2, plan.chains().size());
        BankPlan.Chain c = plan.chains().get(0);
        TrainedLevels t = TrainedLevels.of(CellParams.fromMap(c.cell()));
        assertArrayEquals(t.levels(), c.levels(), 0.0);
        assertEquals(4, c.levels().length, "the levels above σ_switch = 0.05");
        for (int i = 0; i < c.levels().length; i++) {
            assertEquals(BankKey.of(t.data(), t.dataSeed(), c.levels()[i], s, c.levels()), c.keys()[i]);
        }
        assertEquals(8, plan.networks());
        assertEquals(2, plan.toTrain().size(), "nothing present yet");
    }

    @Test
    void presentKeysAreNotTrainedAgain() {
        BankPlan plan = BankPlan.of(spec(), TrainSettings.defaults());
        BankPlan.Chain first = plan.chains().get(0);
        BankPlan some = plan.withPresent(Set.of(first.keys()[0], first.keys()[1]));
        assertEquals(2, some.chains().get(0).missing());
        assertEquals(2, some.toTrain().size());
        BankPlan all = plan.withPresent(Set.of(first.keys()));
        assertEquals(1, all.toTrain().size(), "the complete chain is skipped");
        assertEquals(plan.chains().get(1).keys()[0], all.toTrain().get(0).keys()[0]);
    }

    @Test
    void theChainWithTheMostWorkIsTrainedFirst() {
        BankPlan plan = BankPlan.of(spec("n", List.of(2, 5, 3)), TrainSettings.defaults());
        assertEquals(List.of(2, 5, 3), plan.chains().stream().map(c -> CellParams.fromMap(c.cell()).n()).toList(), "plan in spec order");
        assertEquals(List.of(5, 3, 2), plan.toTrain().stream().map(c -> CellParams.fromMap(c.cell()).n()).toList(), "largest N first");
        // A chain with only its first level missing is one level of work.
        BankPlan.Chain five = plan.chains().get(1);
        BankPlan most = plan.withPresent(Set.of(java.util.Arrays.copyOfRange(five.keys(), 1, five.keys().length)));
        assertEquals(List.of(3, 2, 5), most.toTrain().stream().map(c -> CellParams.fromMap(c.cell()).n()).toList());
    }

    @Test
    void aSpecWithoutTrainedCellsIsRefused() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> BankPlan.of(spec("high-noise", "mmse"), TrainSettings.defaults()));
        assertTrue(e.getMessage().contains("trained in some cell"), e.getMessage());
    }
}
