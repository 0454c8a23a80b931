package org.memsweep.engine.bank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.memsweep.engine.TestSupport.assertInvalid;

import org.junit.jupiter.api.Test;
import org.memsweep.engine.denoiser.ReluNetwork;

class NetworkArraysTest {
    private static ReluNetwork network(boolean skip) {
        double[][] a = {{1, -2, 0.5}, {0.25, 3, -1}}, w = {{0.5, 1, -1}, {-2, 0.125, 1}};
        double[][] v = skip ? new double[][] {{0.1, 0, 0}, {0, 0.2, 0}, {0.3, 0, 0.4}} : null;
        return new ReluNetwork(a, w, new double[] {0.1, -0.3}, v, new double[] {1, 2, 3});
    }

    @Test
    void roundTripGivesTheSameOutputsBitForBit() {
        for (boolean skip : new boolean[] {false, true}) {
            ReluNetwork n = network(skip);
            NetworkArrays f = NetworkArrays.of(n);
            assertEquals(3, f.d());
            assertEquals(2, f.width());
            assertEquals(skip ? 9 : 0, f.v().length);
            assertArrayEquals(new double[] {1, -2, 0.5, 0.25, 3, -1}, f.a(), 0.0, "unit-major");
            ReluNetwork back = f.toNetwork("k");
            if (!skip) assertNull(back.skip());
            double[] y = {0.3, -0.7, 1.1}, o1 = new double[3], o2 = new double[3];
            n.denoise(y, 1, o1);
            back.denoise(y, 1, o2);
            assertArrayEquals(o1, o2, 0.0);
        }
    }

    @Test
    void wrongLengthsAndNonFiniteWeightsNameTheEntryAndField() {
        NetworkArrays f = NetworkArrays.of(network(true));
        assertInvalid("bank entry abc field a", "an array of length 5",
                () -> new NetworkArrays(3, 2, new double[5], f.w(), f.b(), f.v(), f.c()).toNetwork("abc"), "K·d = 6");
        assertInvalid("bank entry abc field b", "an array of length 3",
                () -> new NetworkArrays(3, 2, f.a(), f.w(), new double[3], f.v(), f.c()).toNetwork("abc"), "K = 2");
        assertInvalid("bank entry abc field v", "an array of length 4",
                () -> new NetworkArrays(3, 2, f.a(), f.w(), f.b(), new double[4], f.c()).toNetwork("abc"), "d² = 9 or 0");
        assertInvalid("bank entry abc field c", "missing",
                () -> new NetworkArrays(3, 2, f.a(), f.w(), f.b(), f.v(), null).toNetwork("abc"), "d = 3");
        double[] w = f.w().clone();
        w[4] = Double.NaN;
        assertInvalid("bank entry abc field w", "w[4] = NaN", () -> new NetworkArrays(3, 2, f.a(), w, f.b(), f.v(), f.c()).toNetwork("abc"), "finite");
        double[] c = f.c().clone();
        c[0] = Double.POSITIVE_INFINITY;
        assertInvalid("bank entry abc field c", "c[0] = Infinity", () -> new NetworkArrays(3, 2, f.a(), f.w(), f.b(), f.v(), c).toNetwork("abc"), "finite");
        assertInvalid("bank entry abc field width", "0", () -> new NetworkArrays(3, 0, f.a(), f.w(), f.b(), f.v(), f.c()).toNetwork("abc"), "≥ 1");
    }
}
