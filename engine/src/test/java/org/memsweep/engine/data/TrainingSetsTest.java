package org.memsweep.engine.data;

import static org.memsweep.engine.Vectors.dot;
import static org.memsweep.engine.Vectors.norm;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.memsweep.engine.TestSupport.data;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.memsweep.engine.TestSupport;

class TrainingSetsTest {
    private static void assertOrthonormalBasis(Subspace s, int expectedDim) {
        assertEquals(expectedDim, s.dimension());
        for (int i = 0; i < s.dimension(); i++) {
            for (int j = 0; j < s.dimension(); j++) {
                assertEquals(i == j ? 1.0 : 0.0, dot(s.basisVector(i), s.basisVector(j)), 1e-12, "q_" + i + "·q_" + j);
            }
        }
    }

    private static void assertPointsInSubspace(TrainingSet t) {
        Subspace s = t.subspace();
        for (int p = 0; p < t.size(); p++) {
            double[] z = new double[s.dimension()], perp = new double[t.dimension()];
            s.split(t.copyOfPoint(p), z, perp);
            assertTrue(TestSupport.linf(perp) < 1e-12, "point " + p + " lies in the span");
        }
    }

    @Test
    void orthogonalAxisAligned() {
        TrainingSet t = data(DatasetKind.ORTHOGONAL, 4, 6, 0, Norms.fixed(2), false, 5);
        assertArrayEquals(new double[6], t.copyOfPoint(0), 0.0);
        for (int n = 1; n < 4; n++) {
            double[] expected = new double[6];
            expected[n - 1] = 2;
            assertArrayEquals(expected, t.copyOfPoint(n), 0.0, "x_" + n + " = 2 e_" + n);
        }
        assertOrthonormalBasis(t.subspace(), 3);
        for (int j = 0; j < 3; j++) {
            double[] u = new double[6];
            u[j] = 1;
            assertArrayEquals(u, t.subspace().basisVector(j), 0.0, "orthogonal data use the edge directions as basis");
        }
    }

    @Test
    void orthogonalRotatedHasOrthogonalEdgesOfTheGivenNorms() {
        TrainingSet t = data(DatasetKind.ORTHOGONAL, 6, 9, 0, new Norms(0.5, 1.5), true, 5);
        double[][] e = t.edges();
        Set<Double> lengths = new HashSet<>();
        for (int n = 0; n < e.length; n++) {
            double l = norm(e[n]);
            assertTrue(l >= 0.5 && l <= 1.5, "edge length in [a, b]: " + l);
            lengths.add(l);
            for (int m = 0; m < n; m++) assertEquals(0.0, dot(e[n], e[m]), 1e-12, "e_" + n + " ⟂ e_" + m);
            int nonZero = 0;
            for (double v : e[n]) if (Math.abs(v) > 1e-9) nonZero++;
            assertTrue(nonZero > 1, "a random rotation leaves no edge on an axis");
        }
        assertEquals(5, lengths.size(), "uniform norms are drawn per edge");
        assertOrthonormalBasis(t.subspace(), 5);
        assertPointsInSubspace(t);
    }

    @Test
    void sameSeedSameDataDifferentSeedDifferentData() {
        for (DatasetKind k : DatasetKind.values()) {
            DatasetSpec spec = new DatasetSpec(k, 4, 6, k == DatasetKind.OBTUSE_SIMPLEX ? 0.2 : 0, Norms.fixed(1), true);
            double[][] a = TrainingSets.generate(spec, 17).copyOfPoints(), b = TrainingSets.generate(spec, 17).copyOfPoints();
            for (int p = 0; p < 4; p++) {
                for (int i = 0; i < 6; i++) assertEquals(Double.doubleToRawLongBits(a[p][i]), Double.doubleToRawLongBits(b[p][i]));
            }
            double[][] c = TrainingSets.generate(spec, 18).copyOfPoints();
            assertNotEquals(a[1][0], c[1][0], k + ": another seed gives other data");
        }
    }

    @Test
    void haarRotationIsUnbiased() {
        // The first coordinate of a rotated unit edge is distributed like that of a uniform point on the
        // sphere: mean 0, variance 1/d. 400 data sets, d = 4.
        int reps = 400, d = 4;
        double s1 = 0, s2 = 0;
        for (int seed = 0; seed < reps; seed++) {
            double v = data(DatasetKind.ORTHOGONAL, 2, d, 0, Norms.fixed(1), true, seed).copyOfPoint(1)[0];
            s1 += v;
            s2 += v * v;
        }
        assertEquals(0, s1 / reps, 5 * Math.sqrt(1.0 / d / reps));
        assertEquals(1.0 / d, s2 / reps, 0.05);
    }

    @Test
    void obtuseEdgesHavePairwiseCosineMinusKappa() {
        for (boolean rotate : new boolean[] {false, true}) {
            for (double kappa : new double[] {0, 0.1, 0.25}) {
                TrainingSet t = data(DatasetKind.OBTUSE_SIMPLEX, 6, 7, kappa, new Norms(0.5, 2), rotate, 3);
                double[][] e = t.edges();
                for (int n = 0; n < e.length; n++) {
                    for (int m = 0; m < n; m++) {
                        assertEquals(-kappa, dot(e[n], e[m]) / norm(e[n]) / norm(e[m]), 1e-12, "cos(e_" + n + ", e_" + m + ")");
                    }
                }
                assertArrayEquals(new double[7], t.copyOfApex(), 0.0);
                assertOrthonormalBasis(t.subspace(), kappa == 0.25 ? 4 : 5);
                assertPointsInSubspace(t);
            }
        }
    }

    @Test
    void obtuseDirectionsAreUnitWithCosineMinusKappa() {
        for (int m = 1; m <= 6; m++) {
            double max = m == 1 ? 1 : 1.0 / (m - 1);
            for (double kappa : new double[] {0, 0.5 * max, max}) {
                double[][] u = TrainingSets.obtuseDirections(m, kappa);
                for (int i = 0; i < m; i++) {
                    assertEquals(1.0, norm(u[i]), 1e-14);
                    for (int j = 0; j < i; j++) assertEquals(-kappa, dot(u[i], u[j]), 1e-14);
                }
            }
        }
    }

    @Test
    void equilateralPointsArePairwiseEquidistant() {
        for (boolean rotate : new boolean[] {false, true}) {
            TrainingSet t = data(DatasetKind.EQUILATERAL_SIMPLEX, 5, 7, 0, Norms.fixed(1.5), rotate, 4);
            for (int p = 0; p < 5; p++) {
                assertEquals(1.5, norm(t.copyOfPoint(p)), 1e-12, "x_n = r u_n");
                for (int q = 0; q < p; q++) assertEquals(1.5 * Math.sqrt(2), TestSupport.dist(t.copyOfPoint(p), t.copyOfPoint(q)), 1e-12);
            }
            assertOrthonormalBasis(t.subspace(), 4);
            assertPointsInSubspace(t);
        }
    }

    @Test
    void gaussianPointsHaveVarianceRSquaredOverD() {
        int n = 4000, d = 5;
        TrainingSet t = data(DatasetKind.GAUSSIAN, n, d, 0, Norms.fixed(2), false, 8);
        double s1 = 0, s2 = 0;
        for (double[] p : t.copyOfPoints()) {
            for (double v : p) {
                s1 += v;
                s2 += v * v;
            }
        }
        int count = n * d;
        double var = 4.0 / d;
        assertEquals(0, s1 / count, 5 * Math.sqrt(var / count));
        assertEquals(var, s2 / count, 5 * var * Math.sqrt(2.0 / count));
        assertOrthonormalBasis(t.subspace(), d);
        TrainingSet few = data(DatasetKind.GAUSSIAN, 3, d, 0, Norms.fixed(2), false, 8);
        assertOrthonormalBasis(few.subspace(), 2);
        assertPointsInSubspace(few);
        assertEquals(0, data(DatasetKind.GAUSSIAN, 1, d, 0, Norms.fixed(2), false, 8).subspace().dimension());
    }

    @Test
    void spanOfSkipsDependentPoints() {
        double[][] pts = {{1, 1, 0}, {2, 1, 0}, {3, 1, 0}, {1, 1, 0}, {1, 2, 0}};
        Subspace s = TrainingSets.spanOf(pts);
        assertOrthonormalBasis(s, 2);
        assertArrayEquals(new double[] {1, 1, 0}, s.origin(), 0.0);
    }
}
