package org.memsweep.jobs.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.memsweep.jobs.Main;
import picocli.CommandLine;

class SimulateCommandTest {
    /** The case: at σ = 1e-4 the score flow's ramps repel so slowly that ~20 % of starts run out of steps. */
    static final String[] UNCONVERGED = {"simulate", "--flow", "score", "--sigma", "1e-4", "--n", "5", "--d", "10",
            "--start-mean", "box-center", "--start-scale", "0.3", "--seeds", "400"};
    /** The same cell at the default σ = σ_valid/2: every trajectory converges. */
    static final String[] CONVERGED = {"simulate", "--flow", "score", "--n", "5", "--d", "10",
            "--start-mean", "box-center", "--start-scale", "0.3", "--seeds", "400"};

    record Outcome(int code, String out, String err) {}

    static Outcome exec(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Outcome(code, out.toString(), err.toString());
    }

    static String[] plus(String[] args, String... more) {
        String[] a = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, a, args.length, more.length);
        return a;
    }

    /** The table's line for {@code label}, split into fields after the label. */
    static String[] fields(String out, String label) {
        String line = out.lines().filter(l -> l.startsWith(label + " ")).findFirst().orElseThrow(() -> new AssertionError("no line " + label + " in\n" + out));
        return line.substring(label.length()).trim().split("\\s+");
    }

    static final List<String> CATEGORY_LINES = List.of("APEX", "TRAINING", "VIRTUAL", "MANIFOLD", "OTHER", "DIVERGED", "memorized");

    @Test
    void nonConvergedTrajectoriesAreCountedAndTheExactColumnIsWithheld() {
        Outcome o = exec(UNCONVERGED);
        assertEquals(0, o.code(), o.err());
        String[] nc = fields(o.out(), "not converged");
        long count = Long.parseLong(nc[0]);
        assertTrue(count > 20 && count < 200, "about 20 % of 400: " + o.out());
        assertEquals(count / 400.0, Double.parseDouble(nc[1]), 1e-4);
        assertTrue(nc[2].startsWith("[") && nc[3].endsWith("]"), "a Wilson interval: " + String.join(" ", nc));
        assertTrue(o.out().contains("exact: not applicable to this run: it assumes every flow converges, and " + count + " of 400"),
                o.out());
        assertTrue(o.out().contains("after max-steps = 10000"), o.out());
        // The exact prediction says MANIFOLD 0; the stalled flows end there. No number may stand beside it.
        assertTrue(Long.parseLong(fields(o.out(), "MANIFOLD")[0]) > 0, o.out());
        for (String label : CATEGORY_LINES) {
            String[] f = fields(o.out(), label);
            assertEquals("-", f[f.length - 1], label + ": no exact value for this run\n" + o.out());
        }
    }

    @Test
    void convergedRunShowsTheExactColumnAndZeroNotConverged() {
        Outcome o = exec(CONVERGED);
        assertEquals(0, o.code(), o.err());
        String[] nc = fields(o.out(), "not converged");
        assertEquals("0", nc[0], o.out());
        assertFalse(o.out().contains("not applicable"), o.out());
        for (String label : CATEGORY_LINES) {
            String[] f = fields(o.out(), label);
            double exact = Double.parseDouble(f[f.length - 1]);
            assertTrue(exact >= 0 && exact <= 1, label + ": " + exact);
        }
        assertEquals(0.0, Double.parseDouble(fields(o.out(), "MANIFOLD")[4]), 0.0, "score flow: no manifold endpoint predicted");
    }

    @Test
    void jsonCarriesTheCountAndWhetherTheExactPredictionApplies() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Outcome o = exec(plus(UNCONVERGED, "--json"));
        assertEquals(0, o.code(), o.err());
        JsonNode bad = json.readTree(o.out());
        long count = bad.get("unconverged").get("count").asLong();
        assertTrue(count > 20 && count < 200, o.out());
        assertEquals(count / 400.0, bad.get("unconverged").get("fraction").asDouble(), 1e-12);
        assertTrue(bad.get("unconverged").get("lo95").asDouble() < count / 400.0);
        assertFalse(bad.get("exact_applies").asBoolean());
        assertTrue(bad.get("exact_note").asText().contains("assumes every flow converges"), o.out());
        bad.get("categories").forEach(c -> assertTrue(c.get("exact").isNull(), o.out()));

        // the table and the JSON count the same trajectories
        assertEquals(count, Long.parseLong(fields(exec(UNCONVERGED).out(), "not converged")[0]));

        Outcome g = exec(plus(CONVERGED, "--json"));
        JsonNode good = json.readTree(g.out());
        assertEquals(0, good.get("unconverged").get("count").asLong());
        assertTrue(good.get("exact_applies").asBoolean());
        assertFalse(good.has("exact_note"));
        assertEquals(0.0, good.get("categories").get("MANIFOLD").get("exact").asDouble(), 0.0);
    }


    @Test
    void cellWithoutExactPredictionSaysSo() {
        Outcome o = exec("simulate", "--dataset", "gaussian", "--n", "4", "--d", "6", "--seeds", "50", "--low-noise", "mmse",
                "--sigma-max", "1", "--high-noise", "mmse");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("no exact prediction for this cell"), o.out());
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
