package org.memsweep.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.memsweep.jobs.Main;

class BenchCommandTest {
    /** A budget that times nothing (or never ends) is bad input: one line, exit 2, no table. */
    @ParameterizedTest
    @ValueSource(strings = {"-1", "0", "NaN", "Infinity"})
    void secondsMustBeAFinitePositiveNumber(String value) {
        SimulateCommandTest.Outcome o = SimulateCommandTest.exec("bench", "--no-peer", "--seconds", value);
        assertEquals(Main.BAD_INPUT, o.code(), o.err());
        assertEquals(1, o.err().strip().lines().count(), o.err());
        assertEquals("memsweep bench: seconds = " + value + " is not allowed: a finite number > 0", o.err().strip());
        assertEquals("", o.out(), "nothing measured, nothing printed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "0"})
    void secondsIsCheckedWithSparkToo(String value) {
        SimulateCommandTest.Outcome o = SimulateCommandTest.exec("bench", "--spark", "--seconds", value);
        assertEquals(Main.BAD_INPUT, o.code(), o.err());
        assertTrue(o.err().startsWith("memsweep bench: seconds = " + value + " "), o.err());
    }
}
