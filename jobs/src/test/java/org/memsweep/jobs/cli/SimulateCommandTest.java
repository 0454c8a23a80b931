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
    void probabilityFlowNotConvergedMeansDiverged() {
        Outcome o = exec("simulate", "--n", "3", "--d", "6", "--sigma-max", "0.1", "--steps", "20", "--start-mean", "data-mean",
                "--start-scale", "1e308", "--seeds", "60");
        assertEquals(0, o.code(), o.err());
        String diverged = fields(o.out(), "DIVERGED")[0];
        assertNotEquals("0", diverged, o.out());
        assertEquals(diverged, fields(o.out(), "not converged")[0], o.out());
        assertTrue(o.out().contains("not finite (DIVERGED)"), o.out());
    }

    @Test
    void cellWithoutExactPredictionSaysSo() {
        Outcome o = exec("simulate", "--dataset", "gaussian", "--n", "4", "--d", "6", "--seeds", "50", "--low-noise", "mmse",
                "--sigma-max", "1", "--high-noise", "mmse");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("no exact prediction for this cell"), o.out());
    }
}
