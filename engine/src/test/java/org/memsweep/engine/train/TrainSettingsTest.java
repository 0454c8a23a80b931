package org.memsweep.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.memsweep.engine.TestSupport.assertInvalid;

import org.junit.jupiter.api.Test;

class TrainSettingsTest {
    private static final TrainSettings D = TrainSettings.defaults();

    @Test
    void defaultsAndParsing() {
        assertEquals(TrainMethod.ALM, D.method());
        assertEquals(256, D.width());
        assertEquals(100, D.copies());
        assertEquals(1e-3, D.tolerance());
        assertEquals(0.25, D.weightDecay());
        TrainSettings s = TrainSettings.parse("method=weight-decay; width=64, copies=20;noise=ball;seed=-3");
        assertEquals(TrainMethod.WEIGHT_DECAY, s.method());
        assertEquals(64, s.width());
        assertEquals(20, s.copies());
        assertEquals(TrainNoise.BALL, s.noise());
        assertEquals(-3L, s.seed());
        assertTrue(D.scaleInputs());
        assertFalse(TrainSettings.parse("scale-inputs=no").scaleInputs());
        assertEquals(D, TrainSettings.parse(" "));
        assertEquals(s, TrainSettings.parse(s.canonical()), "canonical text parses back to the same settings");
    }

    @Test
    void eachBadSettingHasItsMessage() {
        assertInvalid("training setting", "speed", () -> D.with("speed", "1"), "width", "copies", "tolerance");
        assertInvalid("training setting", "width", () -> TrainSettings.parse("width"), "key=value");
        assertInvalid("width", "0", () -> D.with("width", "0"), "K ≥ 1");
        assertInvalid("scale-inputs", "maybe", () -> D.with("scale-inputs", "maybe"), "yes or no");
        assertInvalid("copies", "0", () -> D.with("copies", "0"), "M ≥ 1");
        assertInvalid("tolerance", "0", () -> D.with("tolerance", "0"), "> 0");
        assertInvalid("tolerance", "-1", () -> D.with("tolerance", "-1"), "> 0");
        assertInvalid("cost-tolerance", "0", () -> D.with("cost-tolerance", "0"), "> 0");
        assertInvalid("weight-decay", "-0.25", () -> D.with("weight-decay", "-0.25"), "> 0");
        assertInvalid("learning-rate", "0", () -> D.with("learning-rate", "0"), "> 0");
        assertInvalid("lr-decay", "1.5", () -> D.with("lr-decay", "1.5"), "0 < f ≤ 1");
        assertInvalid("min-learning-rate", "1", () -> D.with("min-learning-rate", "1"), "≤ learning-rate");
        assertInvalid("phase-steps", "0", () -> D.with("phase-steps", "0"), "≥ 1");
        assertInvalid("penalty", "0", () -> D.with("penalty", "0"), "> 0");
        assertInvalid("penalty-growth", "0.5", () -> D.with("penalty-growth", "0.5"), "≥ 1");
        assertInvalid("penalty-cap", "1", () -> D.with("penalty-cap", "1"), "≥ penalty");
        assertInvalid("max-steps", "0", () -> D.with("max-steps", "0"), "≥ 1");
        assertInvalid("width", "many", () -> D.with("width", "many"), "an integer");
        assertInvalid("seed", "x", () -> D.with("seed", "x"), "an integer");
        assertInvalid("method", "sgd", () -> D.with("method", "sgd"), "one of alm, weight-decay");
        assertInvalid("noise", "uniform", () -> D.with("noise", "uniform"), "one of gaussian, ball, sphere");
    }
}
