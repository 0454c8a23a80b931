package org.memsweep.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.memsweep.jobs.Main;
import picocli.CommandLine;

class SimulateCommandTest {
    record Outcome(int code, String err, String out) {}

    static Outcome exec(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter(), out = new StringWriter();
        cl.setErr(new PrintWriter(err));
        cl.setOut(new PrintWriter(out));
        int code = cl.execute(args);
        return new Outcome(code, err.toString(), out.toString());
    }

    @Test
    void numbersPrintReadablyAtEveryMagnitude() {
        assertEquals("80", SimulateCommand.g(80));
        assertEquals("0.002", SimulateCommand.g(0.002));
        assertEquals("0.04564", SimulateCommand.g(0.0456435));
        assertEquals("1e10", SimulateCommand.g(1e10));
        assertEquals("2.5e10", SimulateCommand.g(2.5e10));
        assertEquals("1e100", SimulateCommand.g(1e100));
        assertEquals("1.5e-5", SimulateCommand.g(1.5e-5));
        assertEquals("1.235e5", SimulateCommand.g(123456)); // %g: 1.235e+05
        assertEquals("-3e-100", SimulateCommand.g(-3e-100));
        assertEquals("100", SimulateCommand.g(100));
        assertEquals("NaN", SimulateCommand.g(Double.NaN));
    }

    @Test
    void unusedParametersAreNullInJsonAndHugeScalesAgreeWithTheExactPrediction() {
        Outcome o = exec("simulate", "--n", "4", "--d", "5", "--sigma-max", "0.1", "--start-scale", "1e100", "--seeds", "50", "--json");
        assertEquals(0, o.code(), o.err());
        String j = o.out();
        assertTrue(j.contains("\"sigma\":null"), j);
        assertTrue(j.contains("\"eta\":null"), j);
        assertTrue(j.contains("\"high-noise\":null"), j);
        assertTrue(j.contains("\"sigma-max\":0.1"), j);
        assertTrue(j.contains("\"frame\":\"data\""), j);
        assertTrue(j.matches("(?s).*\"OTHER\":\\{\"count\":50,.*"), j);
        assertTrue(j.matches("(?s).*\"DIVERGED\":\\{\"count\":0,.*"), j);

        Outcome t = exec("simulate", "--n", "4", "--d", "5", "--flow", "score", "--start-scale", "2e10", "--seeds", "20", "--low-noise", "closed");
        assertEquals(0, t.code(), t.err());
        assertTrue(t.out().contains("N(origin, 2e10²·I)"), t.out());
        assertFalse(t.out().contains("e+1"), t.out());
    }

    @Test
    void sizesAndRangesAreCheckedBeforeWork() {
        Outcome o = exec("simulate", "--n", "2147483648");
        assertEquals(Main.BAD_INPUT, o.code());
        assertEquals("n = 2147483648 is not allowed: an integer from 1 to 1000000", o.err().strip().replaceFirst("^[^:]*: (?=n =)", ""), o.err());
        Outcome d = exec("simulate", "--d", "1000000000");
        assertEquals(Main.BAD_INPUT, d.code());
        assertEquals(1, d.err().strip().lines().count(), d.err());
        assertTrue(d.err().contains("d = 1000000000 is not allowed: an integer from 1 to 100000000"), d.err());
        Outcome m = exec("simulate", "--d", "100000000");
        assertEquals(Main.BAD_INPUT, m.code());
        assertEquals(1, m.err().strip().lines().count(), m.err());
        assertTrue(m.err().contains("GB"), m.err());
        Outcome s = exec("simulate", "--start-scale", "1e308");
        assertEquals(Main.BAD_INPUT, s.code());
        assertTrue(s.err().contains("start-scale = 1.0E308 is not allowed"), s.err());
        assertEquals("", m.out() + s.out() + d.out() + o.out());
    }
}
