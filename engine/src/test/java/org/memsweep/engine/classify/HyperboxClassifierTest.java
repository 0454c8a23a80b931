package org.memsweep.engine.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.memsweep.engine.TestSupport.assertInvalid;
import static org.memsweep.engine.TestSupport.boxPoint;
import static org.memsweep.engine.TestSupport.data;

import org.memsweep.engine.Vectors;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.memsweep.engine.TestSupport;
import org.memsweep.engine.data.DatasetKind;
import org.memsweep.engine.data.Norms;
import org.memsweep.engine.data.TrainingSet;

class HyperboxClassifierTest {
    /** Apex 0 and e1, e2, e3 in R^5: two coordinates lie outside the span. */
    private final TrainingSet orth = data(DatasetKind.ORTHOGONAL, 4, 5, 0, Norms.fixed(1), false, 1);
    private final HyperboxClassifier c = new HyperboxClassifier(orth, 0.2);

    private Endpoint at(double... y) {
        return c.classify(y);
    }

    @Test
    void vertices() {
        Endpoint apex = at(0.1, -0.05, 0.15, 0.1, -0.2);
        assertEquals(Category.APEX, apex.category());
        assertEquals(0, apex.vertexOrder());
        assertEquals(0.2, apex.linfVertex(), 0.0);
        assertTrue(apex.category().isMemorized());

        Endpoint training = at(0.05, 0.9, 0.1, 0, 0.1);
        assertEquals(Category.TRAINING, training.category());
        assertEquals(1, training.vertexOrder());
        assertEquals(0.1, training.linfVertex(), 1e-15);

        Endpoint pair = at(1.1, 0.1, 0.85, 0, 0);
        assertEquals(Category.VIRTUAL, pair.category());
        assertEquals(2, pair.vertexOrder());
        assertFalse(pair.category().isMemorized());

        Endpoint triple = at(1, 1, 1, 0.05, 0);
        assertEquals(Category.VIRTUAL, triple.category());
        assertEquals(3, triple.vertexOrder());
        assertEquals(0.05, triple.linfVertex(), 1e-15);
        for (Endpoint e : new Endpoint[] {apex, training, pair, triple}) assertFalse(e.boundary(), "boundary is for MANIFOLD only");
    }

    @Test
    void manifoldWithAndWithoutBoundary() {
        Endpoint inside = at(0.45, 0.55, 0.52, 0.1, 0);
        assertEquals(Category.MANIFOLD, inside.category());
        assertFalse(inside.boundary(), "every β_n is more than τ/L from 0 and 1");
        assertEquals(2, inside.vertexOrder(), "β = (0.45, 0.55, 0.52) rounds to e2 + e3");
        assertEquals(0.48, inside.linfVertex(), 1e-15);

        Endpoint face = at(0.45, 0.55, 0.05, 0, 0);
        assertEquals(Category.MANIFOLD, face.category());
        assertTrue(face.boundary(), "β_3 = 0.05 is within τ/L = 0.2 of 0");
        assertEquals(0.45, face.linfVertex(), 1e-15);

        Endpoint nearOne = at(0.45, 0.55, 0.85, 0, 0);
        assertEquals(Category.MANIFOLD, nearOne.category());
        assertTrue(nearOne.boundary(), "β_3 = 0.85 is within τ/L of 1");

        Endpoint slightlyOutside = at(1.1, 0.5, 0.45, 0.15, 0);
        assertEquals(Category.MANIFOLD, slightlyOutside.category(), "within τ of the box, not of a vertex");
        assertTrue(slightlyOutside.boundary());
    }

    @Test
    void other() {
        assertEquals(Category.OTHER, at(0.5, 0.5, 0.5, 0.3, 0).category(), "0.3 outside the span");
        assertEquals(Category.OTHER, at(1.5, 0, 0, 0, 0).category(), "0.5 beyond the box");
        assertEquals(Category.OTHER, at(-0.3, 0.5, 0.5, 0, 0).category());
        Endpoint far = at(5, 5, 5, 5, 5);
        assertEquals(Category.OTHER, far.category());
        assertFalse(far.boundary());
        assertEquals(3, far.vertexOrder());
    }

    @Test
    void diverged() {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            Endpoint e = at(0, 0, bad, 0, 0);
            assertEquals(Category.DIVERGED, e.category());
            assertEquals(-1, e.vertexOrder());
            assertTrue(Double.isNaN(e.d1()) && Double.isNaN(e.linfNearest()));
            assertFalse(e.category().isMemorized());
        }
    }

    @Test
    void thresholdIsInclusiveAtTau() {
        HyperboxClassifier quarter = new HyperboxClassifier(orth, 0.25);
        // exactly τ from the vertex e1 (all numbers are exact in binary)
        assertEquals(Category.TRAINING, quarter.classify(new double[] {1.25, 0, 0, 0, 0}).category());
        assertEquals(Category.TRAINING, quarter.classify(new double[] {1, 0.25, 0, -0.25, 0}).category());
        assertEquals(Category.OTHER, quarter.classify(new double[] {Math.nextUp(1.25), 0, 0, 0, 0}).category());
        assertEquals(Category.APEX, quarter.classify(new double[] {0.25, 0, 0, 0, 0}).category());
        assertEquals(Category.APEX, c.classify(new double[] {0.2, 0, 0, 0, 0}).category(), "τ = 0.2 itself");
        assertEquals(Category.MANIFOLD, c.classify(new double[] {Math.nextUp(0.2), 0, 0, 0, 0}).category());
        // exactly τ from the box
        assertEquals(Category.MANIFOLD, quarter.classify(new double[] {0.5, -0.25, 0, 0, 0}).category());
        assertEquals(Category.MANIFOLD, quarter.classify(new double[] {0.5, 0, 0, 0, 0.25}).category());
        assertEquals(Category.OTHER, quarter.classify(new double[] {0.5, -Math.nextUp(0.25), 0, 0, 0}).category());
        assertEquals(Category.OTHER, quarter.classify(new double[] {0.5, 0, 0, 0, Math.nextUp(0.25)}).category());
    }

    @Test
    void universalMetricsByHand() {
        Endpoint a = at(0.9, 0.1, 0, 0, 0);
        assertEquals(Math.sqrt(0.02), a.d1(), 1e-15, "to e1");
        assertEquals(Math.sqrt(0.82), a.d2(), 1e-15, "to the apex");
        assertEquals(Math.sqrt(0.02 / 0.82), a.nnRatio(), 1e-15);
        assertTrue(a.nnMemorized(), "0.156 < 1/3");
        assertEquals(0.1, a.linfNearest(), 1e-15);

        Endpoint b = at(0.4, 0, 0, 0, 0);
        assertEquals(0.4, b.d1(), 1e-15);
        assertEquals(0.6, b.d2(), 1e-15);
        assertEquals(2.0 / 3, b.nnRatio(), 1e-15);
        assertFalse(b.nnMemorized());
        assertEquals(0.4, b.linfNearest(), 1e-15);

        Endpoint tie = at(0.5, 0.5, 0, 0, 0);
        assertEquals(Math.sqrt(0.5), tie.d1(), 1e-15);
        assertEquals(Math.sqrt(0.5), tie.d2(), 1e-15);
        assertEquals(1.0, tie.nnRatio(), 1e-15);
        assertEquals(0.5, tie.linfNearest(), 1e-15);

        Endpoint onPoint = at(0, 0, 1, 0, 0);
        assertEquals(0.0, onPoint.d1());
        assertEquals(1.0, onPoint.d2(), 1e-15);
        assertEquals(0.0, onPoint.nnRatio());
        assertTrue(onPoint.nnMemorized());

        Endpoint third = at(0.75, 0.25, 0, 0, 0);
        // d1 = √0.125 (e1), d2 = √0.625 (apex): ratio √0.2 ≈ 0.447
        assertEquals(Math.sqrt(0.2), third.nnRatio(), 1e-15);
        assertFalse(third.nnMemorized());
    }

    @Test
    void obtuseSimplexClassifiesByCoefficientsNotCoordinates() {
        // κ = 0.4, unit edges in R^3: u_1·(e1 + e2 + e3) = 1 − 2κ = 0.2, so rounding the projections
        // would put this point at the apex; its coefficients are β = (1, 1, 1).
        TrainingSet t = data(DatasetKind.OBTUSE_SIMPLEX, 4, 3, 0.4, Norms.fixed(1), false, 1);
        HyperboxClassifier h = new HyperboxClassifier(t, 0.2);
        double[][] e = t.edges();
        double[] all = boxPoint(t, 1, 1, 1);
        assertEquals(0.2, Vectors.dot(all, e[0]), 1e-12, "the projection is 0.2");
        Endpoint v = h.classify(all);
        assertEquals(Category.VIRTUAL, v.category());
        assertEquals(3, v.vertexOrder());
        assertEquals(0.0, v.linfVertex(), 1e-12);
        Endpoint pair = h.classify(boxPoint(t, 1, 0, 1));
        assertEquals(Category.VIRTUAL, pair.category());
        assertEquals(2, pair.vertexOrder());
        Endpoint train = h.classify(boxPoint(t, 0, 1.05, 0.1));
        assertEquals(Category.TRAINING, train.category());
        assertEquals(1, train.vertexOrder());
        Endpoint m = h.classify(boxPoint(t, 0.55, 0.6, 0.45));
        assertEquals(Category.MANIFOLD, m.category());
        assertFalse(m.boundary());
        assertEquals(2, m.vertexOrder(), "β = (0.55, 0.6, 0.45) rounds to (1, 1, 0)");
        assertEquals(TestSupport.linf(TestSupport.axpy(boxPoint(t, 0.55, 0.6, 0.45), -1, boxPoint(t, 1, 1, 0))), m.linfVertex(), 1e-12);
    }

    @Test
    void everyVertexOfRotatedDataWithUnequalEdges() {
        for (DatasetKind kind : new DatasetKind[] {DatasetKind.ORTHOGONAL, DatasetKind.OBTUSE_SIMPLEX}) {
            TrainingSet t = data(kind, 5, 7, kind == DatasetKind.OBTUSE_SIMPLEX ? 0.3 : 0, new Norms(0.8, 1.6), true, 6);
            HyperboxClassifier h = new HyperboxClassifier(t, 0.2);
            Random r = new Random(2);
            for (int mask = 0; mask < 16; mask++) {
                double[] beta = new double[4];
                for (int n = 0; n < 4; n++) beta[n] = (mask >> n & 1);
                double[] y = TestSupport.axpy(boxPoint(t, beta), 0.05, TestSupport.unit(r, 7));
                Endpoint e = h.classify(y);
                int k = Integer.bitCount(mask);
                assertEquals(k == 0 ? Category.APEX : k == 1 ? Category.TRAINING : Category.VIRTUAL, e.category(), kind + " vertex " + mask);
                assertEquals(k, e.vertexOrder());
                assertTrue(e.linfVertex() <= 0.05 + 1e-12);
            }
            double[] inner = boxPoint(t, 0.55, 0.4, 0.6, 0.45);
            double toVertex = TestSupport.linf(TestSupport.axpy(inner, -1, boxPoint(t, 1, 0, 1, 0)));
            Endpoint mid = h.classify(inner);
            assertEquals(toVertex, mid.linfVertex(), 1e-12, "L∞ distance to the rounded vertex");
            assertEquals(2, mid.vertexOrder());
            assertEquals(toVertex <= 0.2 ? Category.VIRTUAL : Category.MANIFOLD, mid.category(), kind + " interior point");
            assertFalse(mid.boundary());
        }
    }

    @Test
    void axisAlignedEdgesGiveTheBitsOfTheDensePath() {
        // Unequal edges (each along one axis), points near vertices, on
        // faces, inside, outside and far away: the one-pass L∞ distances must equal the dense ones bit for bit.
        TrainingSet t = data(DatasetKind.ORTHOGONAL, 7, 9, 0, new Norms(0.5, 1.5), false, 4);
        double[] x0 = t.copyOfApex();
        double[][] e = t.edges();
        HyperboxClassifier fast = new HyperboxClassifier(t, 0.1), dense = new HyperboxClassifier(t, 0.1, false);
        Random rnd = new Random(5);
        int[] seen = new int[Category.values().length];
        for (int trial = 0; trial < 4000; trial++) {
            double[] y = x0.clone();
            for (double[] edge : e) {
                double beta = switch (trial % 5) {
                    case 0 -> rnd.nextInt(2) + 0.02 * rnd.nextGaussian();
                    case 4 -> 0.02 * rnd.nextGaussian();
                    case 1 -> rnd.nextDouble();
                    case 2 -> rnd.nextInt(2) + 0.3 * rnd.nextGaussian();
                    default -> 3 * rnd.nextGaussian();
                };
                for (int i = 0; i < y.length; i++) y[i] += beta * edge[i];
            }
            double spread = trial % 7 == 0 ? 1e-3 : 0.05;
            for (int i = 0; i < y.length; i++) y[i] += spread * rnd.nextGaussian();
            Endpoint a = fast.classify(y), b = dense.classify(y);
            assertEquals(b, a, "record equality compares every double's bits; trial " + trial);
            seen[a.category().ordinal()]++;
        }
        for (Category c : new Category[] {Category.APEX, Category.TRAINING, Category.VIRTUAL, Category.MANIFOLD, Category.OTHER}) {
            assertTrue(seen[c.ordinal()] > 20, "too few " + c + " endpoints to compare: " + seen[c.ordinal()]);
        }
        double[] nan = x0.clone();
        nan[3] = Double.NaN;
        assertEquals(Category.DIVERGED, fast.classify(nan).category());
    }

    @Test
    void invalidConstruction() {
        assertInvalid("tau", "0", () -> new HyperboxClassifier(orth, 0));
        assertInvalid("tau", "-0.2", () -> new HyperboxClassifier(orth, -0.2));
        assertInvalid("tau", "NaN", () -> new HyperboxClassifier(orth, Double.NaN));
        assertInvalid("tau", "Infinity", () -> new HyperboxClassifier(orth, Double.POSITIVE_INFINITY));
        TrainingSet eq = data(DatasetKind.EQUILATERAL_SIMPLEX, 3, 3, 0, Norms.fixed(1), false, 1);
        assertThrows(IllegalArgumentException.class, () -> new HyperboxClassifier(eq, 0.2));
    }

    @Test
    void subspaceFormGivesTheAmbientClassification() {
        for (TrainingSet t : new TrainingSet[] {orth, data(DatasetKind.ORTHOGONAL, 31, 30, 0, new Norms(0.5, 1.5), false, 2),
                data(DatasetKind.ORTHOGONAL, 9, 8, 0, Norms.fixed(1), false, 3)}) {
            HyperboxClassifier h = new HyperboxClassifier(t, 0.2);
            assertTrue(h.classifiesInSubspace());
            Random r = new Random(6);
            int d = t.dimension(), m = t.size() - 1, rr = t.subspace().dimension();
            double[] z = new double[rr], perp = new double[d];
            java.util.Set<Category> seen = java.util.EnumSet.noneOf(Category.class);
            for (int k = 0; k < 3000; k++) {
                double[] beta = new double[m];
                int one = r.nextInt(m + 1) - 1; // near the apex (−1) or near training point one + 1
                for (int n = 0; n < m; n++) {
                    // near a vertex (apex, training, virtual), in the box, beyond it
                    beta[n] = switch (k % 4) {
                        case 0 -> (n == one ? 1 : 0) + 0.02 * r.nextGaussian();
                        case 1 -> (r.nextBoolean() ? 1 : 0) + 0.02 * r.nextGaussian();
                        case 2 -> r.nextDouble();
                        default -> 3 * r.nextGaussian();
                    };
                }
                double[] y = TestSupport.axpy(boxPoint(t, beta), 1, TestSupport.gaussian(r, d, k % 2 == 0 ? 0.01 : 0.15 / Math.sqrt(d)));
                Endpoint a = h.classify(y);
                t.subspace().split(y, z, perp);
                double sq = 0, inf = 0;
                for (double v : perp) {
                    sq += v * v;
                    inf = Math.max(inf, Math.abs(v));
                }
                Endpoint b = h.classifyInSubspace(z, sq, inf);
                String w = "point " + k;
                assertEquals(a.category(), b.category(), w);
                assertEquals(a.vertexOrder(), b.vertexOrder(), w);
                assertEquals(a.boundary(), b.boundary(), w);
                assertEquals(a.nnMemorized(), b.nnMemorized(), w);
                double[] x = {a.linfVertex(), a.linfNearest(), a.d1(), a.d2(), a.nnRatio()};
                double[] yb = {b.linfVertex(), b.linfNearest(), b.d1(), b.d2(), b.nnRatio()};
                for (int i = 0; i < x.length; i++) assertEquals(x[i], yb[i], 1e-12, w + ", metric " + i);
                seen.add(a.category());
            }
            assertTrue(seen.containsAll(java.util.List.of(Category.APEX, Category.TRAINING, Category.VIRTUAL, Category.MANIFOLD, Category.OTHER)),
                    "categories seen: " + seen);
            assertEquals(Category.DIVERGED, h.classifyInSubspace(z, Double.NaN, 0).category());
        }
        HyperboxClassifier rotated = new HyperboxClassifier(data(DatasetKind.ORTHOGONAL, 5, 7, 0, Norms.fixed(1), true, 3), 0.2);
        assertFalse(rotated.classifiesInSubspace());
        assertThrows(IllegalStateException.class, () -> rotated.classifyInSubspace(new double[4], 0, 0));
    }
}
