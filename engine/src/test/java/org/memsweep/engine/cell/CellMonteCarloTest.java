package org.memsweep.engine.cell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.memsweep.engine.classify.Category;
import org.memsweep.engine.exact.CategoryProbabilities;

/**
 * Monte Carlo against the exact category probabilities of science.md §5: 20,000 trajectories per
 * setting, every category within 4 standard errors. The settings together give every category a
 * non-trivial probability somewhere.
 */
class CellMonteCarloTest {
    private static final int RUNS = 20_000;
    private static final Category[] CATEGORIES = {Category.APEX, Category.TRAINING, Category.VIRTUAL, Category.MANIFOLD, Category.OTHER};

    private record Result(CategoryProbabilities exact, Map<Category, Integer> counts, List<Trajectory> trajectories) {}

    private static Result run(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        Cell cell = Cell.build(CellParams.fromMap(m));
        CategoryProbabilities exact = cell.exactPrediction().orElseThrow(() -> new AssertionError("no exact prediction for " + m));
        List<Trajectory> ts = cell.run(0, RUNS);
        Map<Category, Integer> counts = new EnumMap<>(Category.class);
        for (Category c : Category.values()) counts.put(c, 0);
        for (Trajectory t : ts) counts.merge(t.endpoint().category(), 1, Integer::sum);
        for (Category c : CATEGORIES) {
            double p = exact.of(c), phat = counts.get(c) / (double) RUNS;
            // SE = √(p(1 − p)/n), floored at √(1/n)/√n = 1/n so that p = 0 allows at most 4 counts
            double se = Math.max(Math.sqrt(p * (1 - p) / RUNS), 1.0 / RUNS);
            assertTrue(Math.abs(phat - p) <= 4 * se, m + ": " + c + " exact " + p + ", Monte Carlo " + phat + " (" + counts.get(c)
                    + "/" + RUNS + "), " + Math.abs(phat - p) / se + " SE");
        }
        assertEquals(0, counts.get(Category.DIVERGED), "no trajectory diverges");
        double total = 0;
        for (Category c : CATEGORIES) total += exact.of(c);
        assertEquals(1.0, total, 1e-12);
        return new Result(exact, counts, ts);
    }

    /** The distribution of the vertex order k over near-vertex endpoints, against CategoryProbabilities.vertexOrder. */
    private static void assertVertexOrders(Result r) {
        double[] p = r.exact().vertexOrder();
        int[] counts = new int[p.length];
        for (Trajectory t : r.trajectories()) {
            Category c = t.endpoint().category();
            if (c == Category.APEX || c == Category.TRAINING || c == Category.VIRTUAL) counts[t.endpoint().vertexOrder()]++;
        }
        for (int k = 0; k < p.length; k++) {
            double phat = counts[k] / (double) RUNS;
            double se = Math.max(Math.sqrt(p[k] * (1 - p[k]) / RUNS), 1.0 / RUNS);
            assertTrue(Math.abs(phat - p[k]) <= 4 * se, "vertex order " + k + ": exact " + p[k] + ", Monte Carlo " + phat);
        }
    }

    private static void assertNonTrivial(Result r, Category... cats) {
        for (Category c : cats) assertTrue(r.exact().of(c) > 0.04, c + " has a non-trivial probability: " + r.exact().of(c));
    }

    @Test
    void startAtTheOrigin() {
        // N = 4 in d = 6, σ from 0.15 to 0.05: the perpendicular part only shrinks to 1/3, so OTHER is common.
        Result r = run("n", 4, "d", 6, "sigma-max", 0.15, "sigma-min", 0.05, "start-mean", "origin", "start-scale", 0.5, "steps", 40);
        assertNonTrivial(r, Category.APEX, Category.TRAINING, Category.MANIFOLD, Category.OTHER);
        assertVertexOrders(r);
    }

    @Test
    void startAtTheBoxCentre() {
        Result r = run("n", 4, "d", 6, "sigma-max", 0.15, "sigma-min", 0.02, "start-mean", "box-center", "start-scale", 0.3,
                "steps", 40, "solver", "heun");
        assertNonTrivial(r, Category.APEX, Category.TRAINING, Category.VIRTUAL, Category.MANIFOLD);
        assertVertexOrders(r);
    }

    @Test
    void manyManifoldEndpointsInThirtyDimensions() {
        Result r = run("n", 31, "d", 30, "alpha", Math.sqrt(30), "sigma-max", 0.08, "sigma-min", 0.002, "start-mean", "box-center",
                "start-scale", 0.3, "steps", 40);
        assertTrue(r.exact().manifold() > 0.9, "mostly MANIFOLD: " + r.exact().manifold());
        assertNonTrivial(r, Category.VIRTUAL);
        assertVertexOrders(r);
    }

    @Test
    void scoreFlowEndsOnVerticesOnly() {
        Result r = run("n", 4, "d", 5, "flow", "score", "start-mean", "box-center", "start-scale", 0.3);
        assertNonTrivial(r, Category.APEX, Category.TRAINING, Category.VIRTUAL);
        assertEquals(0.0, r.exact().manifold());
        assertEquals(0.0, r.exact().other());
        for (Trajectory t : r.trajectories()) assertTrue(t.converged());
        assertVertexOrders(r);
    }

    @Test
    void scoreFlowFromTheOriginWithUnequalEdges() {
        Result r = run("n", 6, "d", 8, "flow", "score", "start-scale", 0.5, "norms", "uniform(0.6,1.4)", "eta", 1.0);
        assertNonTrivial(r, Category.APEX, Category.TRAINING, Category.VIRTUAL);
        assertVertexOrders(r);
    }

    @Test
    void rotatedOrthogonalDataInTheDataFrameMatchTheAxisAlignedExactPrediction() {
        // The case: VIRTUAL 0.826 with τ measured in the ambient frame vs 0.693 axis-aligned.
        Object[] kv = {"n", 9, "d", 16, "alpha", 1.5, "sigma-max", 0.3, "sigma-min", 0.005, "start-mean", "box-center",
            "start-scale", 0.6, "rotation", "random"};
        Result r = run(kv); // frame = data by default: every category within 4 SE of the exact prediction
        Object[] axis = java.util.Arrays.copyOf(kv, kv.length);
        axis[axis.length - 1] = "none";
        CategoryProbabilities aligned = Cell.build(params(axis)).exactPrediction().orElseThrow();
        for (Category c : CATEGORIES) assertEquals(aligned.of(c), r.exact().of(c), 1e-12, "the axis-aligned prediction, " + c);
        assertNonTrivial(r, Category.VIRTUAL, Category.MANIFOLD);

        Object[] amb = java.util.Arrays.copyOf(kv, kv.length + 2);
        amb[kv.length] = "frame";
        amb[kv.length + 1] = "ambient";
        Cell ambient = Cell.build(params(amb));
        int n = 5000, virtual = 0;
        for (Trajectory t : ambient.run(0, n)) if (t.endpoint().category() == Category.VIRTUAL) virtual++;
        double p = aligned.virtual(), se = Math.sqrt(p * (1 - p) / n), phat = virtual / (double) n;
        assertTrue(Math.abs(phat - p) > 8 * se, "τ in the ambient frame of rotated data changes the categories: VIRTUAL "
                + phat + " vs exact " + p);
    }

    private static CellParams params(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return CellParams.fromMap(m);
    }
}
