package org.memsweep.engine.cell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.memsweep.engine.TestSupport.assertInvalid;

import org.memsweep.engine.Vectors;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.memsweep.engine.TestSupport;
import org.memsweep.engine.flow.KarrasSchedule;
import org.memsweep.engine.rng.Rng;
import org.memsweep.engine.rng.Seeds;

class CellTest {
    private static Map<String, Object> spec(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    private static Cell cell(Object... kv) {
        return Cell.build(CellParams.fromMap(spec(kv)));
    }

    private static Trajectory withoutTime(Trajectory t) {
        return new Trajectory(t.seedIndex(), t.seed(), t.endpoint(), t.steps(), t.converged(), 0L);
    }

    @Test
    void resolvesAutoParameters() {
        Cell c = Cell.build(CellParams.defaults());
        CellParams p = c.params();
        double alpha = Math.sqrt(30), valid = 1 / (2 * alpha);
        assertEquals(alpha, p.alpha(), 0.0, "α = √d");
        assertEquals(80.0, p.startScale(), 0.0, "s = σ_max");
        double expectedSwitch = Double.NaN;
        for (double s : new KarrasSchedule(80, 0.002, 150, 7).sigmas()) {
            if (s < 0.95 * valid) {
                expectedSwitch = s;
                break;
            }
        }
        assertEquals(expectedSwitch, p.sigmaSwitch(), 0.0, "the largest level below 0.95 σ_valid");
        assertTrue(p.sigmaSwitch() < 0.95 * valid && p.sigmaSwitch() > 0.5 * valid);
        assertTrue(Double.isNaN(p.sigma()), "a probability-flow cell does not resolve the score flow's σ");
        assertNull(Param.SIGMA.recorded(p), "and records it as null");
        assertNull(Param.ETA.recorded(p));
        assertEquals(80.0, Param.SIGMA_MAX.recorded(p));
        assertEquals("fixed(1.0)", p.norms());

        Cell sc = cell("flow", "score", "alpha", 2.0, "n", 4, "d", 5, "norms", "uniform(0.5,1.5)");
        CellParams s = sc.params();
        double minLen = Double.POSITIVE_INFINITY;
        for (double[] e : sc.trainingSet().edges()) minLen = Math.min(minLen, Vectors.norm(e));
        assertEquals(minLen / (2 * 2.0) / 2, s.sigma(), 1e-15, "score flow σ = σ_valid/2");
        assertEquals(2.0, s.alpha());
        assertTrue(Double.isNaN(s.sigmaSwitch()), "a score cell does not resolve σ_switch");
        for (Param q : new Param[] {Param.SIGMA_SWITCH, Param.SIGMA_MAX, Param.SIGMA_MIN, Param.STEPS, Param.KARRAS_RHO,
            Param.SOLVER, Param.HIGH_NOISE, Param.KAPPA}) {
            assertNull(q.recorded(s), q.key() + " does not apply to a score cell on orthogonal data");
        }
        assertEquals(80.0, s.startScale(), 0.0, "its auto start scale is σ_max, resolved into start-scale");

        CellParams explicit = cell("alpha", 4.0, "start-scale", 0.3, "sigma-switch", 0.05, "norms", "1").params();
        assertEquals(4.0, explicit.alpha());
        assertEquals(0.3, explicit.startScale());
        assertEquals(0.05, explicit.sigmaSwitch());
        assertEquals("fixed(1.0)", explicit.norms(), "norms are recorded canonically");
    }

    @Test
    void idsAreStableAndDistinguishCells() {
        Cell a = cell("n", 6, "d", 8), b = cell("n", 6, "d", 8);
        assertTrue(a.id().matches("[0-9a-f]{16}"), a.id());
        assertEquals(a.id(), b.id());
        assertEquals(a.id(), cell("n", 6, "d", 8, "alpha", Math.sqrt(8), "norms", "fixed(1)").id(),
                "the id is of the resolved parameters: auto α = √d and an explicit √d are the same cell");
        Set<String> ids = new HashSet<>();
        for (Object[] change : new Object[][] {{}, {"n", 5}, {"d", 9}, {"alpha", 2.0}, {"flow", "score"}, {"seed", 2},
            {"steps", 149}, {"tau", 0.25}, {"start-mean", "box-center"}, {"solver", "heun"}, {"flow", "score", "eta", 0.4}}) {
            Object[] kv = new Object[4 + change.length];
            kv[0] = "n";
            kv[1] = 6;
            kv[2] = "d";
            kv[3] = 8;
            System.arraycopy(change, 0, kv, 4, change.length);
            assertTrue(ids.add(cell(kv).id()), "a new id for " + java.util.Arrays.toString(change));
        }
    }

    @Test
    void parametersACellDoesNotUseDoNotSplitIt() {
        Cell prob = cell("n", 6, "d", 8);
        for (Object[] unused : new Object[][] {{"eta", 0.3}, {"sigma", 0.01}, {"tol", 1e-3}, {"max-steps", 7}, {"kappa", 0.1},
            {"frame", "ambient"}}) {
            assertEquals(prob.id(), cell("n", 6, "d", 8, unused[0], unused[1]).id(), unused[0] + " on a probability-flow cell");
            assertEquals(prob.params(), cell("n", 6, "d", 8, unused[0], unused[1]).params(), "and the same record");
        }
        Cell score = cell("n", 6, "d", 8, "flow", "score");
        for (Object[] unused : new Object[][] {{"sigma-max", 3.0}, {"sigma-min", 0.01}, {"steps", 40}, {"karras-rho", 3.0},
            {"solver", "heun"}, {"high-noise", "none"}, {"sigma-switch", 0.05}}) {
            assertEquals(score.id(), cell("n", 6, "d", 8, "flow", "score", "start-scale", 80.0, unused[0], unused[1]).id(),
                    unused[0] + " on a score-flow cell");
        }
        assertNotEquals(score.id(), cell("n", 6, "d", 8, "flow", "score", "eta", 0.3).id());
        assertEquals(cell("n", 6, "d", 8, "low-noise", "mmse", "sigma-max", 0.5).id(),
                cell("n", 6, "d", 8, "low-noise", "mmse", "sigma-max", 0.5, "alpha", 2.0).id(), "α only shapes the closed form");
        assertEquals(cell("n", 6, "d", 8, "sigma-max", 0.1).id(), cell("n", 6, "d", 8, "sigma-max", 0.1, "high-noise", "none").id(),
                "no level above σ_switch: the high-noise denoiser is never used");
        assertNull(Param.HIGH_NOISE.recorded(cell("n", 6, "d", 8, "sigma-max", 0.1).params()));
        assertEquals("mmse", Param.HIGH_NOISE.recorded(prob.params()));
        assertNotEquals(cell("n", 6, "d", 8, "rotation", "random").id(), cell("n", 6, "d", 8, "rotation", "random", "frame", "ambient").id(),
                "the frame splits rotated data");
        assertEquals("data", cell("n", 6, "d", 8, "frame", "ambient").params().frame().key(), "axis-aligned: one frame, recorded as data");
        assertEquals("data", cell("n", 6, "d", 8, "dataset", "gaussian", "rotation", "random", "frame", "ambient",
                "low-noise", "mmse").params().frame().key(), "gaussian data are never rotated");
    }

    @Test
    void seedStreamsOfDifferentCellsNeverCollide() {
        Set<Long> seeds = new HashSet<>();
        int count = 0;
        for (Object[] change : new Object[][] {{}, {"n", 30}, {"d", 31}, {"alpha", 3.0}, {"flow", "score"}, {"seed", 2}, {"seed", -1}}) {
            Cell c = cell(change);
            for (long i = 0; i < 10_000; i++) {
                seeds.add(c.seedOf(i));
                count++;
            }
            assertEquals(Seeds.trajectory(c.params().seed(), Long.parseUnsignedLong(c.id(), 16), 7), c.seedOf(7));
        }
        assertEquals(count, seeds.size());
    }

    @Test
    void sameParamsSameBits() {
        Map<String, Object> s = spec("n", 6, "d", 10, "steps", 60);
        Cell a = Cell.build(CellParams.fromMap(s)), b = Cell.build(CellParams.fromMap(s));
        List<Trajectory> ta = a.run(0, 100), tb = b.run(0, 100);
        assertEquals(100, ta.size());
        for (int i = 0; i < 100; i++) {
            assertEquals(withoutTime(ta.get(i)), withoutTime(tb.get(i)), "trajectory " + i);
            assertEquals(i, ta.get(i).seedIndex());
            assertEquals(a.seedOf(i), ta.get(i).seed());
            assertEquals(59, ta.get(i).steps());
            assertTrue(ta.get(i).converged());
        }
        // raw bits of the end points, in a different order on the second cell
        double[][] ends = new double[40][10];
        for (int i = 0; i < 40; i++) a.run(i, ends[i]);
        double[] e = new double[10];
        for (int i = 39; i >= 0; i--) {
            Trajectory t = b.run(i, e);
            for (int j = 0; j < 10; j++) assertEquals(Double.doubleToRawLongBits(ends[i][j]), Double.doubleToRawLongBits(e[j]), "seed " + i);
            assertEquals(withoutTime(ta.get(i)), withoutTime(t));
        }
        // different seed indices start and end elsewhere
        double[] y0 = new double[10], y1 = new double[10];
        a.start(0, y0);
        a.start(1, y1);
        assertTrue(TestSupport.maxAbsDiff(y0, y1) > 1);
        assertTrue(TestSupport.maxAbsDiff(ends[0], ends[1]) > 0);
    }

    @Test
    void startIsGaussianAroundTheChosenMean() {
        Cell c = cell("n", 4, "d", 5, "start-mean", "box-center", "start-scale", 0.5, "norms", "2");
        double[] y = new double[5];
        c.start(3, y);
        Rng rng = new Rng(c.seedOf(3));
        double[] mu = {1, 1, 1, 0, 0};
        for (int i = 0; i < 5; i++) assertEquals(mu[i] + 0.5 * rng.nextGaussian(), y[i], 0.0, "y = μ + s·N(0, 1) from the trajectory's seed");
        int n = 4000;
        double[] s1 = new double[5], s2 = new double[5];
        for (int k = 0; k < n; k++) {
            c.start(k, y);
            for (int i = 0; i < 5; i++) {
                s1[i] += y[i];
                s2[i] += (y[i] - mu[i]) * (y[i] - mu[i]);
            }
        }
        for (int i = 0; i < 5; i++) {
            assertEquals(mu[i], s1[i] / n, 5 * 0.5 / Math.sqrt(n), "mean " + i);
            assertEquals(0.25, s2[i] / n, 5 * 0.25 * Math.sqrt(2.0 / n), "variance " + i);
        }
        double[] z = new double[5];
        cell("n", 4, "d", 5, "start-mean", "data-mean", "start-scale", 1e-300, "norms", "2").start(0, z);
        TestSupport.assertClose(new double[] {0.5, 0.5, 0.5, 0, 0}, z, 1e-15, "data mean");
        cell("n", 4, "d", 5, "start-scale", 1e-300).start(0, z);
        TestSupport.assertClose(new double[5], z, 1e-15, "origin");
    }

    @Test
    void cellsThatDifferOnlyInTheirFlowShareTheirTrainingSet() {
        Map<String, Object> base = spec("n", 6, "d", 9, "rotation", "random", "norms", "uniform(0.5,1.5)");
        double[][] a = Cell.build(CellParams.fromMap(base)).trainingSet().copyOfPoints();
        Map<String, Object> other = new HashMap<>(base);
        other.put("flow", "score");
        other.put("sigma-max", 10.0);
        other.put("tau", 0.1);
        double[][] b = Cell.build(CellParams.fromMap(other)).trainingSet().copyOfPoints();
        for (int p = 0; p < 6; p++) for (int i = 0; i < 9; i++) assertEquals(a[p][i], b[p][i], 0.0);
        Map<String, Object> reseeded = new HashMap<>(base);
        reseeded.put("seed", 2);
        double[][] c = Cell.build(CellParams.fromMap(reseeded)).trainingSet().copyOfPoints();
        assertNotEquals(a[1][0], c[1][0], "another master seed draws another data set");
    }

    @Test
    void exactPredictionOnlyWhereItApplies() {
        assertTrue(cell("n", 4, "d", 5, "sigma-max", 0.1).exactPrediction().isPresent(), "closed form at every level");
        assertTrue(cell("n", 4, "d", 5, "flow", "score").exactPrediction().isPresent(), "score flow");
        assertFalse(cell("n", 4, "d", 5).exactPrediction().isPresent(), "MMSE above σ_switch");
        assertTrue(cell("n", 4, "d", 5, "sigma-max", 0.1, "rotation", "random").exactPrediction().isPresent(),
                "rotated orthogonal data, classified in the data frame");
        assertFalse(cell("n", 4, "d", 5, "sigma-max", 0.1, "rotation", "random", "frame", "ambient").exactPrediction().isPresent());
        assertFalse(cell("n", 4, "d", 5, "sigma-max", 0.1, "dataset", "obtuse-simplex", "kappa", 0.1).exactPrediction().isPresent());
        assertFalse(cell("n", 4, "d", 5, "sigma-max", 0.1, "low-noise", "mmse").exactPrediction().isPresent());
        assertFalse(cell("n", 4, "d", 5, "dataset", "equilateral-simplex", "sigma-max", 0.1).exactPrediction().isPresent());
    }

    @Test
    void explicitBatchSizeGivesTheSameRows() {
        Cell c = cell("n", 5, "d", 8, "steps", 30);
        List<Trajectory> ref = c.run(3, 40);
        for (int b : new int[] {1, 7, 64, 0}) {
            List<Trajectory> r = c.run(3, 40, b);
            assertEquals(ref.size(), r.size());
            for (int i = 0; i < r.size(); i++) assertEquals(withoutTime(ref.get(i)), withoutTime(r.get(i)), "batch " + b + ", trajectory " + i);
        }
        assertInvalid("batch", "-1", () -> c.run(0, 4, -1), "0 (the engine's choice)");
    }

    @Test
    void seedRangeIsChecked() {
        Cell c = cell("n", 3, "d", 3, "steps", 5);
        assertInvalid("seeds", "[5, 4)", () -> c.run(5, 4), "0 ≤ from ≤ to");
        assertInvalid("seeds", "[-1, 4)", () -> c.run(-1, 4));
        assertEquals(0, c.run(3, 3).size());
        List<Trajectory> r = c.run(7, 10);
        assertEquals(3, r.size());
        assertEquals(7, r.get(0).seedIndex());
        assertEquals(9, r.get(2).seedIndex());
    }

    /** Endpoints of the subspace and the ambient integration of one cell, seed by seed. */
    private static void assertSubspaceEqualsAmbient(int seeds, Object... kv) {
        CellParams p = CellParams.fromMap(spec(kv));
        Cell sub = Cell.build(p, true), amb = Cell.build(p, false);
        assertEquals(sub.id(), amb.id(), "the integration space is not a cell parameter");
        int d = p.d();
        double[] a = new double[d], b = new double[d];
        double[] y0 = new double[d];
        for (int i = 0; i < seeds; i++) {
            Trajectory ta = sub.run(i, a), tb = amb.run(i, b);
            // the flow moved the start by much more than the tolerance below: the comparison is not of two no-ops
            sub.start(i, y0);
            assertTrue(TestSupport.maxAbsDiff(y0, a) > 1e-3, "seed " + i + " barely moved");
            assertFalse(ta.endpoint().category() == org.memsweep.engine.classify.Category.DIVERGED, "seed " + i + " diverged");
            double diff = TestSupport.maxAbsDiff(a, b);
            int seed = i;
            assertTrue(diff <= 1e-10, () -> p.canonical() + ", seed " + seed + ": |subspace − ambient| = " + diff);
            assertEquals(tb.endpoint().category(), ta.endpoint().category());
            assertEquals(tb.steps(), ta.steps());
        }
    }

    @Test
    void subspaceIntegrationEqualsAmbientIntegration() {
        assertSubspaceEqualsAmbient(30, "n", 6, "d", 12, "sigma-max", 0.1, "start-mean", "box-center", "start-scale", 0.5);
        assertSubspaceEqualsAmbient(30, "n", 6, "d", 12, "sigma-max", 0.1, "start-mean", "box-center", "start-scale", 0.5, "solver", "heun");
        assertSubspaceEqualsAmbient(20, "n", 6, "d", 10);
        assertSubspaceEqualsAmbient(20, "n", 6, "d", 10, "solver", "heun", "steps", 60);
        assertSubspaceEqualsAmbient(30, "n", 6, "d", 10, "flow", "score", "start-mean", "box-center", "start-scale", 0.5);
        assertSubspaceEqualsAmbient(20, "n", 6, "d", 10, "flow", "score", "eta", 1.0, "sigma", 0.05, "norms", "uniform(0.5,1.5)",
                "rotation", "random");
        assertSubspaceEqualsAmbient(20, "n", 6, "d", 10, "rotation", "random", "norms", "uniform(0.5,1.5)");
        assertSubspaceEqualsAmbient(20, "n", 6, "d", 8, "dataset", "obtuse-simplex", "kappa", 0.2, "rotation", "random");
        assertSubspaceEqualsAmbient(20, "n", 6, "d", 8, "dataset", "obtuse-simplex", "kappa", 0.2, "flow", "score", "start-mean", "box-center",
                "start-scale", 0.4);
        assertSubspaceEqualsAmbient(20, "n", 5, "d", 8, "dataset", "equilateral-simplex", "rotation", "random");
        // n ≤ d: the ambient integration also carries a perpendicular part (empty when the points span R^d)
        assertSubspaceEqualsAmbient(20, "n", 5, "d", 8, "dataset", "gaussian", "low-noise", "mmse");
    }

    @Test
    void allocationPerTrajectoryDoesNotGrowWithTheSteps() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        // HotSpot (the JDK memsweep targets) measures per-thread allocation; a JVM that cannot must fail
        // this test rather than pass it unmeasured.
        assertTrue(mx.isThreadAllocatedMemorySupported(), "this JVM cannot measure per-thread allocation");
        mx.setThreadAllocatedMemoryEnabled(true);
        long[] perRun = new long[2];
        int[] steps = {10, 3000};
        for (int j = 0; j < 2; j++) {
            Cell c = cell("n", 8, "d", 10, "steps", steps[j]);
            double[] end = new double[10];
            for (int w = 0; w < 20; w++) c.run(w, end);
            long id = Thread.currentThread().getId();
            long before = mx.getThreadAllocatedBytes(id);
            for (int k = 0; k < 20; k++) c.run(k, end);
            perRun[j] = (mx.getThreadAllocatedBytes(id) - before) / 20;
        }
        String what = "bytes per trajectory with 10 and 3000 levels: " + perRun[0] + ", " + perRun[1];
        // Rng, FlowOutcome, Endpoint, Trajectory: a few hundred bytes; one allocation per step would be ≥ 48 kB
        assertTrue(perRun[0] <= 2048 && perRun[1] <= 2048, what);
    }

    @Test
    void inTheDataFrameARotationChangesNoCategory() {
        Object[] kv = {"n", 9, "d", 16, "alpha", 1.5, "sigma-max", 0.3, "sigma-min", 0.005, "start-mean", "box-center",
            "start-scale", 0.6};
        Cell axis = cell(kv);
        Object[] rot = java.util.Arrays.copyOf(kv, kv.length + 2);
        rot[kv.length] = "rotation";
        rot[kv.length + 1] = "random";
        Cell rotated = cell(rot);
        org.memsweep.engine.data.Rotation r = rotated.trainingSet().rotation();
        // the rotated data are the axis-aligned points rotated (fixed norms: the same points before the rotation)
        double[] x = new double[16];
        for (int p = 0; p < 9; p++) {
            r.toAmbient(axis.trainingSet().copyOfPoint(p), x);
            TestSupport.assertClose(rotated.trainingSet().copyOfPoint(p), x, 1e-14, "point " + p);
        }
        double[] y0 = new double[16], ry0 = new double[16], end = new double[16], rend = new double[16];
        java.util.EnumMap<org.memsweep.engine.classify.Category, Integer> seen = new java.util.EnumMap<>(org.memsweep.engine.classify.Category.class);
        for (int i = 0; i < 300; i++) {
            axis.start(i, y0);
            r.toAmbient(y0, ry0);
            var a = axis.runFrom(y0, end);
            var b = rotated.runFrom(ry0, rend);
            assertEquals(a.category(), b.category(), "start " + i);
            assertEquals(a.vertexOrder(), b.vertexOrder(), "start " + i);
            assertEquals(a.linfVertex(), b.linfVertex(), 1e-9, "start " + i);
            seen.merge(a.category(), 1, Integer::sum);
        }
        assertTrue(seen.size() >= 2, "the starts reach several categories: " + seen);
    }

    @Test
    void hugeScalesAreRefusedAndTheLargestAllowedAgreesWithTheExactPrediction() {
        assertInvalid("start-scale", "1.0E308", () -> cell("start-scale", 1e308), "(0, 1.0E100]");
        assertInvalid("sigma-max", "1.0E101", () -> cell("sigma-max", 1e101), "1.0E100");
        assertInvalid("sigma-min", "1.0E-101", () -> cell("sigma-min", 1e-101), "1.0E-100");
        assertInvalid("norms", "fixed(1e101)", () -> cell("norms", "fixed(1e101)"), "1.0E100");
        Cell c = cell("n", 4, "d", 5, "sigma-max", 0.1, "start-scale", 1e100);
        double other = c.exactPrediction().orElseThrow().other();
        assertTrue(other > 0.999, "exact OTHER " + other);
        for (Trajectory t : c.run(0, 200)) {
            assertEquals(org.memsweep.engine.classify.Category.OTHER, t.endpoint().category(), "seed " + t.seedIndex());
        }
        Cell s = cell("n", 4, "d", 5, "flow", "score", "start-scale", 1e100, "max-steps", 100);
        for (Trajectory t : s.run(0, 50)) {
            assertFalse(t.endpoint().category() == org.memsweep.engine.classify.Category.DIVERGED, "score flow, seed " + t.seedIndex());
        }
    }

    @Test
    void sizesAreCheckedBeforeAnythingIsAllocated() {
        assertInvalid("d", "100000000", () -> cell("n", 31, "d", 100_000_000), "GB", "-Xmx");
        assertInvalid("n", "1000000", () -> cell("n", 1_000_000, "d", 999_999), "GB");
        assertInvalid("d", "1000000000", () -> cell("d", 1_000_000_000), "an integer from 1 to 100000000");
        assertInvalid("n", "2147483648", () -> cell("n", "2147483648"), "an integer from 1 to 1000000");
    }

    /**
     * The cell ids of the default and paper-fig3 presets (and of a few cells using the other
     * choices), computed before parameters were typed (issue 10): ids name the rows already
     * written, so they must never change.
     */
    @Test
    void idsArePinned() {
        String[] defaultIds = {"ed963cf1ca32c8fe", "e96b7798fcba3dea", "d34eebd6ae043343", "34af2a9841043794", "6d36eb41c7d12f1a",
            "6c79c357028c9ebd", "b3ecf930db3fc0f1", "b7740281eb8d234a", "45b6d627ec08837d", "736715e63433c100", "5ddc3f4520636ee7",
            "d873cfff6182e8aa"};
        String[] fig3Ids = {"230403429d9d1a6f", "4dca2d80a8a5dc8b", "71b43c647adc84dc", "1f62ed6782f85448", "c39ddc2e9079cd3f",
            "cbc7943a34fd4510", "72beb089c97aae2b", "eb6a4836b8a415c1", "522c55d0b1b55ff3", "25501d653526f2d0"};
        int[] defaultN = {2, 3, 5, 9, 17, 31}, fig3N = {3, 6, 11, 21, 31};
        List<String> flows = List.of("probability", "score");
        for (int f = 0; f < 2; f++) {
            for (int i = 0; i < defaultN.length; i++) {
                Cell c = cell("dataset", "orthogonal", "d", 30, "n", defaultN[i], "flow", flows.get(f), "sigma-max", 0.08,
                        "sigma-min", 0.002, "steps", 150, "start-mean", "data-mean", "start-scale", 0.3);
                assertEquals(defaultIds[f * defaultN.length + i], c.id(), "default preset: " + c.params().canonical());
            }
            for (int i = 0; i < fig3N.length; i++) {
                Cell c = cell("dataset", "orthogonal", "d", 30, "n", fig3N[i], "flow", flows.get(f), "sigma-max", 80,
                        "sigma-min", 0.002, "steps", 150, "high-noise", "mmse", "low-noise", "closed", "start-mean", "origin");
                assertEquals(fig3Ids[f * fig3N.length + i], c.id(), "paper-fig3 preset: " + c.params().canonical());
            }
        }
        assertEquals("dataset=orthogonal;n=3;d=30;norms=fixed(1.0);rotation=none;alpha=5.477225575051661;flow=probability;"
                + "solver=euler;sigma-max=80.0;sigma-min=0.002;steps=150;karras-rho=7.0;start-mean=origin;start-scale=80.0;"
                + "high-noise=mmse;low-noise=closed;sigma-switch=0.07867234520983771;tau=0.2;frame=data;seed=1",
                cell("n", 3, "sigma-max", 80).params().canonical());
        assertEquals("0158dbcf3093bc60", cell("dataset", "obtuse-simplex", "n", 6, "d", 8, "kappa", 0.1, "rotation", "random",
                "frame", "ambient", "norms", "uniform(0.5,2)").id());
        assertEquals("488eff0c402e0388", cell("dataset", "gaussian", "n", 6, "d", 8, "low-noise", "mmse", "frame", "ambient",
                "solver", "heun", "start-mean", "box-center").id());
        assertEquals("5cf1df7897dc8f09", cell("dataset", "equilateral-simplex", "n", 5, "d", 8, "flow", "score", "low-noise", "mmse",
                "sigma", 0.05, "eta", 0.25).id());
        assertEquals("e21b61dcd3fe72d1", cell("n", 6, "d", 8, "rotation", "random", "alpha", 2, "sigma-switch", 0.01, "sigma-max", 0.01,
                "high-noise", "none", "norms", 2).id());
        assertEquals("829ca3ae5928da90", cell("n", 6, "d", 8, "frame", "ambient", "sigma-max", 0.01, "seed", 42).id());
    }

    @Test
    void trainedNetworksFromABankActAtTheirLevelsInRd() {
        Map<String, Object> m = spec("d", 6, "n", 4, "flow", "probability", "sigma-max", 0.08, "sigma-min", 0.002, "steps", 20,
                "start-mean", "data-mean", "start-scale", 0.3, "high-noise", "none");
        Cell closed = Cell.build(CellParams.fromMap(m), false);
        m.put("low-noise", "trained");
        CellParams p = CellParams.fromMap(m);
        // The "bank" holds the closed form's own networks at each level: the same flow as the closed form in R^d.
        int[] asked = {0};
        Cell trained = Cell.build(p, t -> {
            asked[0]++;
            var rs = org.memsweep.engine.denoiser.RampSumDenoiser.forData(t.trainingSet(), Math.sqrt(6));
            return java.util.Arrays.stream(t.levels()).mapToObj(rs::asNetwork).toArray(org.memsweep.engine.denoiser.ReluNetwork[]::new);
        });
        assertEquals(1, asked[0], "the bank is asked once per cell");
        assertEquals(20, TrainedLevels.of(p).levels().length, "every level");
        double[] y = new double[6], e1 = new double[6], e2 = new double[6];
        for (int i = 0; i < 50; i++) {
            trained.start(i, y);
            var a = trained.runFrom(y.clone(), e1);
            var b = closed.runFrom(y.clone(), e2);
            assertEquals(b.category(), a.category(), "start " + i);
            for (int k = 0; k < 6; k++) assertEquals(e2[k], e1[k], 1e-9, "start " + i);
        }
        // Each run through the batched path too (the networks' batch evaluation).
        List<Trajectory> batch = trained.run(0, 50);
        for (int i = 0; i < 50; i++) assertEquals(trained.run(i, null).endpoint().category(), batch.get(i).endpoint().category());

        assertInvalid("bank", "19 networks", () -> Cell.build(p, t -> java.util.Arrays.copyOf(
                new org.memsweep.engine.denoiser.ReluNetwork[0], 19)), "levels and the bank's must match exactly");
    }

    /**
     * Issue 11's determinism for network cells: a cell on a bank (a random network per level, wider than a
     * kernel block, with V = ½I) gives the same rows, bit for bit, for every batch size and any split of
     * its seeds, as the closed-form and MMSE cells do in BatchRunnerTest.
     */
    @Test
    void networkCellsGiveTheSameRowsForEveryBatchAndSplit() {
        Map<String, Object> m = spec("d", 7, "n", 5, "flow", "probability", "sigma-max", 2.0, "sigma-min", 0.01, "steps", 12,
                "start-mean", "origin", "high-noise", "trained", "low-noise", "closed", "sigma-switch", 0.05);
        CellParams p = CellParams.fromMap(m);
        Cell cell = Cell.build(p, t -> {
            double[] levels = t.levels();
            org.memsweep.engine.denoiser.ReluNetwork[] nets = new org.memsweep.engine.denoiser.ReluNetwork[levels.length];
            for (int i = 0; i < nets.length; i++) nets[i] = org.memsweep.engine.run.RandomNetworkRunner.network(7, 70, 100 + i);
            return nets;
        });
        List<Trajectory> ref = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) ref.add(cell.run(i, null));
        for (int b : new int[] {1, 7, 64, 512}) {
            for (int[] cuts : new int[][] {{0, 300}, {0, 131, 200, 300}}) {
                List<Trajectory> r = new java.util.ArrayList<>();
                for (int k = 0; k + 1 < cuts.length; k++) r.addAll(cell.run(cuts[k], cuts[k + 1], b));
                for (int i = 0; i < 300; i++) {
                    assertEquals(withoutTime(ref.get(i)), withoutTime(r.get(i)), "batch " + b + ", " + (cuts.length - 1) + " part(s), trajectory " + i);
                }
            }
        }
    }
}
