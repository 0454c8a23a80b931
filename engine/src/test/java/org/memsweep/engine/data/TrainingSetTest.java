package org.memsweep.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.memsweep.engine.TestSupport.assertClose;
import static org.memsweep.engine.TestSupport.data;

import org.junit.jupiter.api.Test;

class TrainingSetTest {
    @Test
    void pointsApexAndEdges() {
        TrainingSet t = data(DatasetKind.ORTHOGONAL, 4, 5, 0, Norms.fixed(2), false, 9);
        assertEquals(4, t.size());
        assertEquals(5, t.dimension());
        assertEquals(DatasetKind.ORTHOGONAL, t.kind());
        assertArrayEquals(new double[5], t.copyOfApex(), 0.0);
        double[][] e = t.edges();
        assertEquals(3, e.length);
        assertArrayEquals(new double[] {0, 2, 0, 0, 0}, e[1], 0.0);
        assertArrayEquals(new double[] {0, 0, 2, 0, 0}, t.copyOfPoint(3), 0.0);
    }

    @Test
    void accessorsReturnCopies() {
        TrainingSet t = data(DatasetKind.ORTHOGONAL, 3, 3, 0, Norms.fixed(1), false, 9);
        t.copyOfPoint(1)[0] = 7;
        t.copyOfPoints()[2][1] = 7;
        t.copyOfApex()[0] = 7;
        t.edges()[0][0] = 7;
        assertEquals(1.0, t.copyOfPoint(1)[0]);
        assertEquals(1.0, t.copyOfPoint(2)[1]);
        assertEquals(0.0, t.copyOfApex()[0]);
    }

    @Test
    void meanAndBoxCenter() {
        TrainingSet t = data(DatasetKind.ORTHOGONAL, 4, 5, 0, Norms.fixed(2), false, 9);
        assertArrayEquals(new double[] {0.5, 0.5, 0.5, 0, 0}, t.mean(), 1e-15);
        assertArrayEquals(new double[] {1, 1, 1, 0, 0}, t.boxCenter(), 1e-15, "x₀ + ½ Σ e_n");
        TrainingSet b = data(DatasetKind.OBTUSE_SIMPLEX, 4, 4, 0.3, Norms.fixed(1), true, 2);
        double[] c = b.copyOfApex();
        for (double[] e : b.edges()) for (int i = 0; i < 4; i++) c[i] += 0.5 * e[i];
        assertClose(c, b.boxCenter(), 1e-15, "obtuse box centre");
        TrainingSet eq = data(DatasetKind.EQUILATERAL_SIMPLEX, 3, 4, 0, Norms.fixed(1), false, 2);
        assertArrayEquals(new double[] {0.5, 0.5, 0.5, 0}, eq.boxCenter(), 0.0, "bounding-box centre without a hyperbox");
        assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3, 0}, eq.mean(), 1e-15);
    }

    @Test
    void noApexWithoutAHyperbox() {
        TrainingSet eq = data(DatasetKind.EQUILATERAL_SIMPLEX, 3, 4, 0, Norms.fixed(1), false, 2);
        assertThrows(IllegalStateException.class, eq::copyOfApex);
        assertThrows(IllegalStateException.class, eq::edges);
    }

    @Test
    void axisAlignedOrthogonalFlag() {
        assertTrue(data(DatasetKind.ORTHOGONAL, 3, 3, 0, Norms.fixed(1), false, 1).isAxisAlignedOrthogonal());
        assertFalse(data(DatasetKind.ORTHOGONAL, 3, 3, 0, Norms.fixed(1), true, 1).isAxisAlignedOrthogonal());
        assertFalse(data(DatasetKind.OBTUSE_SIMPLEX, 3, 3, 0, Norms.fixed(1), false, 1).isAxisAlignedOrthogonal());
        assertFalse(data(DatasetKind.EQUILATERAL_SIMPLEX, 3, 3, 0, Norms.fixed(1), false, 1).isAxisAlignedOrthogonal());
    }

    @Test
    void subspaceCoordinatesOfThePoints() {
        for (TrainingSet t : new TrainingSet[] {
            data(DatasetKind.ORTHOGONAL, 5, 8, 0, new Norms(0.5, 2), true, 3),
            data(DatasetKind.OBTUSE_SIMPLEX, 5, 6, 0.2, Norms.fixed(1), true, 3),
            data(DatasetKind.GAUSSIAN, 6, 4, 0, Norms.fixed(1), false, 3)}) {
            SparseRows z = t.subspaceCoordinates();
            Subspace s = t.subspace();
            for (int p = 0; p < t.size(); p++) {
                double[] zp = new double[s.dimension()], back = new double[t.dimension()];
                s.split(t.copyOfPoint(p), zp, null);
                for (int j = 0; j < zp.length; j++) {
                    double[] ej = new double[zp.length];
                    ej[j] = 1;
                    assertEquals(zp[j], z.dot(p, ej), 1e-13);
                }
                s.join(zp, null, 0, back);
                assertClose(t.copyOfPoint(p), back, 1e-13, "point " + p + " lies in the subspace");
            }
        }
    }
}
