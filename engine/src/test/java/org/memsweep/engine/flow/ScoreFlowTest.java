package org.memsweep.engine.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.memsweep.engine.TestSupport.assertClose;
import static org.memsweep.engine.TestSupport.assertInvalid;
import static org.memsweep.engine.TestSupport.data;

import org.memsweep.engine.Vectors;
import java.lang.management.ManagementFactory;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.memsweep.engine.TestSupport;
import org.memsweep.engine.data.DatasetKind;
import org.memsweep.engine.data.DatasetSpec;
import org.memsweep.engine.data.Norms;
import org.memsweep.engine.data.TrainingSet;
import org.memsweep.engine.data.TrainingSets;
import org.memsweep.engine.denoiser.EmpiricalMmseDenoiser;
import org.memsweep.engine.denoiser.RampSumDenoiser;
import org.memsweep.engine.exact.OrthogonalExact;

class ScoreFlowTest {
    private static final double[] START = {0.2, 0.45, 0.6, 0.75, -0.3, 1.4};

    private static RampSumDenoiser reference() {
        TrainingSet t = TrainingSets.generate(new DatasetSpec(DatasetKind.ORTHOGONAL, 7, 6, 0, Norms.fixed(1), false), 42);
        return RampSumDenoiser.hyperbox(t, 3.0);
    }

    @Test
    void referenceStartEndsAtTheNearestVertex() {
        RampSumDenoiser den = reference();
        double[] expected = {0, 0, 1, 1, 0, 1};
        for (boolean subspace : new boolean[] {true, false}) {
            // η = 1: fixed-point iteration lands exactly on the vertex
            double[] end = new double[6];
            FlowOutcome o = new ScoreFlow(den, 0.1, 1.0, 1e-12, 1000, subspace).run(START, end);
            assertTrue(o.converged());
            assertClose(expected, end, 0.0, "η = 1, subspace = " + subspace);
            // η = 0.5: geometric approach, stopped by the tolerance
            o = new ScoreFlow(den, 0.1, 0.5, 1e-12, 1000, subspace).run(START, end);
            assertTrue(o.converged());
            assertTrue(o.steps() > 10 && o.steps() < 1000, "steps " + o.steps());
            assertClose(expected, end, 1e-11, "η = 0.5, subspace = " + subspace);
            for (int i = 0; i < 6; i++) assertEquals(OrthogonalExact.scoreFlowEnd(START[i], 1), expected[i]);
        }
    }

    @Test
    void randomStartsEndAtTheNearestVertexAndLoseThePerpendicularPart() {
        for (boolean rotate : new boolean[] {false, true}) {
            TrainingSet t = data(DatasetKind.ORTHOGONAL, 5, 9, 0, new Norms(0.6, 1.4), rotate, 5);
            RampSumDenoiser den = RampSumDenoiser.hyperbox(t, 3.0);
            double[][] e = t.edges();
            Random r = new Random(8);
            for (double eta : new double[] {1.0, 0.5, 0.1}) {
                for (boolean subspace : new boolean[] {true, false}) {
                    ScoreFlow flow = new ScoreFlow(den, 0.5 * den.validBelow(), eta, 1e-10, 100_000, subspace);
                    double[] end = new double[9];
                    for (int k = 0; k < 100; k++) {
                        double[] y = TestSupport.axpy(t.boxCenter(), 1, TestSupport.gaussian(r, 9, 0.7));
                        FlowOutcome o = flow.run(y, end);
                        assertTrue(o.converged(), "converged");
                        double[] vertex = t.copyOfApex();
                        for (double[] en : e) {
                            double beta = Vectors.dot(y, en) / Vectors.dot(en, en);
                            if (beta > 0.5) vertex = TestSupport.axpy(vertex, 1, en);
                        }
                        assertClose(vertex, end, 1e-8, "rotate = " + rotate + ", η = " + eta + ", subspace = " + subspace);
                    }
                }
            }
        }
    }

    @Test
    void subspaceAndAmbientTakeTheSameSteps() {
        TrainingSet t = data(DatasetKind.OBTUSE_SIMPLEX, 5, 8, 0.2, new Norms(0.7, 1.3), true, 2);
        RampSumDenoiser den = RampSumDenoiser.hyperbox(t, 2.0);
        ScoreFlow sub = new ScoreFlow(den, 0.4 * den.validBelow(), 0.5, 1e-9, 10_000, true);
        ScoreFlow amb = new ScoreFlow(den, 0.4 * den.validBelow(), 0.5, 1e-9, 10_000, false);
        Random r = new Random(1);
        double[] a = new double[8], b = new double[8];
        for (int k = 0; k < 100; k++) {
            double[] y = TestSupport.gaussian(r, 8, 1);
            FlowOutcome oa = sub.run(y, a), ob = amb.run(y, b);
            assertEquals(ob, oa, "same outcome");
            assertClose(b, a, 1e-10, "same endpoint");
        }
    }

    /**
     * The streaming batch: trajectories finish at different steps and are handed out in that order; each start is
     * asked for once, each endpoint given once, with the bits and step count of a single run.
     */
    @Test
    void streamingBatchAsksEachStartOnceAndGivesEachEndpointOnce() {
        RampSumDenoiser den = reference();
        ScoreFlow flow = new ScoreFlow(den, 0.4 * den.validBelow(), 0.5, 1e-9, 10_000, true);
        Random r = new Random(3);
        int count = 37, d = 6;
        double[][] starts = new double[count][];
        double[][] singles = new double[count][d];
        FlowOutcome[] outcomes = new FlowOutcome[count];
        for (int b = 0; b < count; b++) {
            starts[b] = TestSupport.gaussian(r, d, 0.8);
            outcomes[b] = flow.run(starts[b], singles[b]);
        }
        int[] asked = new int[count], given = new int[count];
        java.util.List<Integer> order = new java.util.ArrayList<>();
        flow.runBatch(count, new Flow.BatchIo() {
            @Override
            public void start(int b, double[] y, int off) {
                asked[b]++;
                System.arraycopy(starts[b], 0, y, off, d);
            }

            @Override
            public void end(int b, double[] y, int off, int steps, boolean converged) {
                given[b]++;
                order.add(b);
                TestSupport.assertSameBits(singles[b], java.util.Arrays.copyOfRange(y, off, off + d), "trajectory " + b);
                assertEquals(outcomes[b].steps(), steps, "steps of " + b);
                assertEquals(outcomes[b].converged(), converged, "converged " + b);
            }
        });
        for (int b = 0; b < count; b++) {
            assertEquals(1, asked[b], "start " + b + " asked for");
            assertEquals(1, given[b], "endpoint " + b + " given");
        }
        assertFalse(order.equals(java.util.stream.IntStream.range(0, count).boxed().toList()), "finished in index order: " + order);
    }

    @Test
    void halfIsAnUnstableFixedPoint() {
        RampSumDenoiser den = reference();
        ScoreFlow flow = new ScoreFlow(den, 0.1, 0.5, 1e-12, 10_000, true);
        double[] centre = {0.5, 0.5, 0.5, 0.5, 0.5, 0.5}, end = new double[6];
        FlowOutcome o = flow.run(centre, end);
        assertTrue(o.converged());
        assertEquals(0, o.steps(), "the centre is a fixed point");
        assertClose(centre, end, 1e-15, "stays at the centre");
        double[] nudged = centre.clone();
        nudged[0] += 1e-9;
        nudged[3] -= 1e-9;
        o = flow.run(nudged, end);
        assertTrue(o.converged());
        assertTrue(o.steps() > 20, "it takes a while to leave an unstable point");
        assertClose(new double[] {1, 0.5, 0.5, 0, 0.5, 0.5}, end, 1e-10, "repelled to 0 and 1");
    }

    @Test
    void stepBudgetAndImmediateConvergence() {
        RampSumDenoiser den = reference();
        double[] end = new double[6];
        FlowOutcome o = new ScoreFlow(den, 0.1, 0.5, 1e-12, 1, true).run(START, end);
        assertFalse(o.converged());
        assertEquals(1, o.steps());
        double[] vertex = {1, 0, 1, 0, 0, 0};
        o = new ScoreFlow(den, 0.1, 0.5, 1e-12, 5, false).run(vertex, end);
        assertTrue(o.converged());
        assertEquals(0, o.steps());
        assertClose(vertex, end, 0.0, "a vertex does not move");
        double[] near = {0.9, 0.1, 1.05, 0, 0.2, 0};
        o = new ScoreFlow(den, 0.1, 1.0, 1e-12, 5, true).run(near, end);
        assertEquals(1, o.steps(), "η = 1 maps B(v, ρ) onto v in one step");
        assertClose(vertex, end, 0.0, "onto the vertex");
    }

    @Test
    void mmseScoreFlowGoesToATrainingPoint() {
        TrainingSet t = data(DatasetKind.GAUSSIAN, 6, 3, 0, Norms.fixed(1), false, 2);
        ScoreFlow flow = new ScoreFlow(new EmpiricalMmseDenoiser(t), 0.05, 0.5, 1e-12, 10_000, true);
        Random r = new Random(3);
        double[] end = new double[3];
        for (int k = 0; k < 20; k++) {
            double[] y = TestSupport.axpy(t.copyOfPoint(k % 6), 1, TestSupport.gaussian(r, 3, 0.01));
            assertTrue(flow.run(y, end).converged());
            assertClose(t.copyOfPoint(k % 6), end, 1e-6, "stays at its training point");
        }
        assertEquals(3, flow.dimension());
    }

    @Test
    void invalidSettings() {
        RampSumDenoiser den = reference(); // σ_valid = 1/6
        assertInvalid("sigma", "0", () -> new ScoreFlow(den, 0, 0.5, 1e-6, 10, true), "> 0");
        assertInvalid("sigma", "-0.1", () -> new ScoreFlow(den, -0.1, 0.5, 1e-6, 10, true));
        assertInvalid("sigma", "Infinity", () -> new ScoreFlow(den, Double.POSITIVE_INFINITY, 0.5, 1e-6, 10, true));
        assertInvalid("sigma", "0.2", () -> new ScoreFlow(den, 0.2, 0.5, 1e-6, 10, true), "σ_valid");
        assertInvalid("eta", "0", () -> new ScoreFlow(den, 0.1, 0, 1e-6, 10, true), "0 < η ≤ 1");
        assertInvalid("eta", "1.5", () -> new ScoreFlow(den, 0.1, 1.5, 1e-6, 10, true));
        assertInvalid("eta", "-1", () -> new ScoreFlow(den, 0.1, -1, 1e-6, 10, true));
        assertInvalid("eta", "NaN", () -> new ScoreFlow(den, 0.1, Double.NaN, 1e-6, 10, true));
        assertInvalid("tol", "0", () -> new ScoreFlow(den, 0.1, 0.5, 0, 10, true), "> 0");
        assertInvalid("tol", "-1", () -> new ScoreFlow(den, 0.1, 0.5, -1, 10, true));
        assertInvalid("tol", "NaN", () -> new ScoreFlow(den, 0.1, 0.5, Double.NaN, 10, true));
        assertInvalid("max-steps", "0", () -> new ScoreFlow(den, 0.1, 0.5, 1e-6, 0, true), "≥ 1");
    }

    @Test
    void allocatesNothingPerStep() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        // HotSpot (the JDK memsweep targets) measures per-thread allocation; a JVM that cannot must fail
        // this test rather than pass it unmeasured.
        assertTrue(mx.isThreadAllocatedMemorySupported(), "this JVM cannot measure per-thread allocation");
        mx.setThreadAllocatedMemoryEnabled(true);
        TrainingSet t = data(DatasetKind.ORTHOGONAL, 7, 9, 0, Norms.fixed(1), true, 1);
        RampSumDenoiser den = RampSumDenoiser.hyperbox(t, 1.0);
        double[] y = t.boxCenter(), end = new double[9];
        for (boolean subspace : new boolean[] {true, false}) {
            long[] perRun = new long[2];
            int[] budget = {10, 20_000};
            for (int j = 0; j < 2; j++) {
                // from the unstable centre with a budget far too short: every run takes the whole budget
                ScoreFlow flow = new ScoreFlow(den, 0.25, 0.5, 1e-300, budget[j], subspace);
                for (int w = 0; w < 5; w++) flow.run(y, end);
                long id = Thread.currentThread().getId();
                long before = mx.getThreadAllocatedBytes(id);
                for (int k = 0; k < 5; k++) assertEquals(budget[j], flow.run(y, end).steps());
                perRun[j] = (mx.getThreadAllocatedBytes(id) - before) / 5;
            }
            String what = "subspace = " + subspace + ": bytes per run with 10 and 20000 steps: " + perRun[0] + ", " + perRun[1];
            // one allocation per step would be ≥ 16 bytes × 20000 steps = 320 kB per run
            assertTrue(perRun[0] <= 1024 && perRun[1] <= 1024, what);
        }
    }

    @Test
    void batchesGiveEveryTrajectoryTheSingleRunsBitsAndSteps() {
        Random rnd = new Random(22);
        TrainingSet axis = data(DatasetKind.ORTHOGONAL, 9, 12, 0, new Norms(0.5, 1.5), false, 3);
        TrainingSet rotated = data(DatasetKind.OBTUSE_SIMPLEX, 6, 10, 0.2, Norms.fixed(1), true, 4);
        for (TrainingSet t : new TrainingSet[] {axis, rotated}) {
            RampSumDenoiser closed = RampSumDenoiser.forData(t, 2.0);
            java.util.List<double[]> starts = new java.util.ArrayList<>();
            double[] mean = t.mean();
            for (int k = 0; k < 530; k++) {
                double[] y = TestSupport.gaussian(rnd, t.dimension(), 0.4);
                for (int i = 0; i < y.length; i++) y[i] += mean[i];
                starts.add(y);
            }
            for (boolean subspace : new boolean[] {true, false}) {
                // A small step budget: some trajectories converge (at different steps), others run out.
                ScoreFlow flow = new ScoreFlow(closed, 0.5 * closed.validBelow(), 0.5, 1e-6, 25, subspace);
                FlowOutcome[] o = ProbabilityFlowTest.assertBatchesMatchSingleRuns(flow, subspace ? starts : starts.subList(0, 100),
                        t.spec().canonical() + ", closed, subspace " + subspace);
                // the case the batch's compaction exists for: stops at different steps, converged or not
                assertTrue(java.util.Arrays.stream(o).mapToInt(FlowOutcome::steps).distinct().count() > 3, "varied step counts");
                assertTrue(java.util.Arrays.stream(o).anyMatch(FlowOutcome::converged), "some converge");
                assertTrue(java.util.Arrays.stream(o).anyMatch(x -> !x.converged()), "some run out of steps");
                ScoreFlow mmse = new ScoreFlow(new EmpiricalMmseDenoiser(t), 0.05, 1.0, 1e-9, 40, subspace);
                ProbabilityFlowTest.assertBatchesMatchSingleRuns(mmse, starts.subList(0, 100), t.spec().canonical() + ", mmse, subspace " + subspace);
            }
        }
    }
}
