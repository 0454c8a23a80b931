package org.memsweep.engine.cell;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.memsweep.engine.TestSupport.assertInvalid;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.memsweep.engine.flow.KarrasSchedule;

class TrainedLevelsTest {
    private static final Map<String, Object> BASE = Map.of("d", 6, "n", 4, "steps", 8, "sigma-max", 2.0, "sigma-min", 0.01);

    private static CellParams cell(Object... kv) {
        Map<String, Object> m = new java.util.HashMap<>(BASE);
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return CellParams.fromMap(m);
    }

    private static double[] levels(CellParams p) {
        return new KarrasSchedule(p.sigmaMax(), p.sigmaMin(), p.steps(), p.karrasRho()).sigmas();
    }

    @Test
    void highNoiseTrainedNeedsTheLevelsAboveTheCellsOwnAutoSwitch() {
        CellParams p = cell("high-noise", "trained");
        TrainedLevels t = TrainedLevels.of(p);
        // The same σ_switch the cell with mmse above it resolves.
        double sw = Cell.build(cell()).params().sigmaSwitch();
        double[] expected = Arrays.stream(levels(p)).filter(s -> s > sw).toArray();
        assertTrue(expected.length > 0 && expected.length < p.steps(), "the test needs levels on both sides");
        assertArrayEquals(expected, t.levels(), 0.0);
        assertEquals(Cell.build(cell()).trainingSet().copyOfPoint(1)[0], t.trainingSet().copyOfPoint(1)[0], 0.0, "the cell's own training set");
    }

    @Test
    void lowNoiseTrainedNeedsTheRestAndBothNeedEveryLevel() {
        double sw = 0.1;
        double[] all = levels(cell());
        assertArrayEquals(Arrays.stream(all).filter(s -> s <= sw).toArray(),
                TrainedLevels.of(cell("low-noise", "trained", "sigma-switch", sw)).levels(), 0.0);
        assertArrayEquals(all, TrainedLevels.of(cell("low-noise", "trained", "high-noise", "trained")).levels(), 0.0);
        assertTrue(TrainedLevels.of(cell()).isEmpty());
    }

    @Test
    void scoreFlowCellsCannotUseTrainedNetworks() {
        assertInvalid("high-noise", "trained", () -> TrainedLevels.of(cell("high-noise", "trained", "flow", "score", "sigma", 0.05)), "probability");
    }
}
