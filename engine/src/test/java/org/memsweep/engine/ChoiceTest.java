package org.memsweep.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.memsweep.engine.TestSupport.assertInvalid;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.memsweep.engine.cell.FlowKind;
import org.memsweep.engine.cell.Frame;
import org.memsweep.engine.cell.HighNoise;
import org.memsweep.engine.cell.LowNoise;
import org.memsweep.engine.cell.RotationKind;
import org.memsweep.engine.cell.StartMean;
import org.memsweep.engine.data.DatasetKind;

class ChoiceTest {
    @Test
    void everyChoiceParsesItsOwnSpellingAndNothingElse() {
        for (Class<? extends Choice> type : java.util.List.of(FlowKind.class, Frame.class, HighNoise.class, LowNoise.class,
                RotationKind.class, StartMean.class, DatasetKind.class)) {
            Set<String> keys = new HashSet<>();
            for (Choice c : type.getEnumConstants()) {
                assertTrue(c.key().matches("[a-z-]+"), c.key());
                assertTrue(keys.add(c.key()), "unique spelling " + c.key());
                assertSame(c, parse(type, c.key()));
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Choice parse(Class<? extends Choice> type, String value) {
        return (Choice) Choice.parse("x", (Class) type, value);
    }

    @Test
    void aBadValueNamesTheParameterAndEveryChoiceInOrder() {
        InvalidParameterException e = assertInvalid("start-mean", "middle", () -> StartMean.parse("middle"));
        assertEquals("start-mean = middle is not allowed: one of origin, data-mean, box-center", e.getMessage());
        assertInvalid("flow", "Score", () -> FlowKind.parse("Score"), "one of probability, score");
        assertInvalid("dataset", "null", () -> DatasetKind.parse(null), "one of orthogonal, obtuse-simplex, equilateral-simplex, gaussian");
    }
}
