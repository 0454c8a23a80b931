package org.memsweep.engine.denoiser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.memsweep.engine.TestSupport.assertInvalid;

import org.junit.jupiter.api.Test;

class ReluNetworkTest {
    private static double[][] a() {
        return new double[][] {{2, 0}, {0, -1}};
    }

    private static double[][] w() {
        return new double[][] {{1, 0}, {0, 1}};
    }

    @Test
    void evaluatesByHand() {
        // units: [y1 − 0.5]₊ (2, 0) and [y2]₊ (0, −1); V = [[1, 2], [3, 4]]; c = (0.5, −0.5)
        ReluNetwork net = new ReluNetwork(a(), w(), new double[] {-0.5, 0}, new double[][] {{1, 2}, {3, 4}}, new double[] {0.5, -0.5});
        double[] out = new double[2];
        net.denoise(new double[] {1, 2}, 0.3, out);
        // 0.5·(2,0) + 2·(0,−1) + (1 + 4, 3 + 8) + (0.5, −0.5) = (6.5, 8.5)
        assertArrayEquals(new double[] {6.5, 8.5}, out, 1e-15);
        net.denoise(new double[] {0.5, -1}, 0.3, out);
        // both units inactive (pre-activations 0 and −1): V y + c = (0.5 − 2, 1.5 − 4) + c
        assertArrayEquals(new double[] {-1.0, -3.0}, out, 1e-15);
        double[] again = new double[2];
        net.denoise(new double[] {0.5, -1}, 1e9, again);
        assertArrayEquals(out, again, 0.0, "a trained network ignores σ");
        assertEquals(2, net.width());
        assertEquals(2, net.dimension());
        assertEquals(Double.POSITIVE_INFINITY, net.validBelow());
    }

    @Test
    void withoutSkipMatrix() {
        ReluNetwork net = new ReluNetwork(a(), w(), new double[] {0, 0}, null, new double[] {1, 1});
        double[] out = new double[2];
        net.denoise(new double[] {3, 4}, 1, out);
        assertArrayEquals(new double[] {7, -3}, out, 0.0);
    }

    @Test
    void costs() {
        ReluNetwork net = new ReluNetwork(new double[][] {{3, 4}, {0, 1}}, new double[][] {{1, 0}, {0.6, 0.8}},
                new double[] {0, 0}, null, new double[2]);
        assertEquals(5 * 1 + 1 * 1, net.cost(), 1e-15, "Σ‖a_k‖‖w_k‖");
        assertEquals(0.5 * (25 + 1 + 1 + 1), net.parameterCost(), 1e-15, "½Σ(‖a_k‖² + ‖w_k‖²)");
    }

    @Test
    void weightsAreCopied() {
        double[][] aa = a(), ww = w();
        double[] b = {0, 0}, c = {0, 0};
        ReluNetwork net = new ReluNetwork(aa, ww, b, null, c);
        aa[0][0] = 100;
        ww[1][1] = 100;
        b[0] = 100;
        c[0] = 100;
        double[] out = new double[2];
        net.denoise(new double[] {1, 1}, 1, out);
        assertArrayEquals(new double[] {2, -1}, out, 0.0);
    }

    @Test
    void shapeMismatchesAreRejected() {
        assertInvalid("network", "K = 1 biases", () -> new ReluNetwork(a(), w(), new double[] {0}, null, new double[2]));
        assertInvalid("network", "a[1] of length 3", () -> new ReluNetwork(new double[][] {{1, 0}, {1, 2, 3}}, w(), new double[2], null, new double[2]));
        assertInvalid("network", "w[0] of length 1", () -> new ReluNetwork(a(), new double[][] {{1}, {0, 1}}, new double[2], null, new double[2]));
        assertInvalid("network", "V[1] of length 1", () -> new ReluNetwork(a(), w(), new double[2], new double[][] {{1, 0}, {1}}, new double[2]));
    }

    @Test
    void batchGivesEveryPointTheSingleCallsBits() {
        // Shapes around the kernel's blocks (groups of four units, five outputs at a time, tiles of 128 points):
        // K not a multiple of 4, d below 5 and not a multiple of 5, d = 30 with K = 256 as in the bench.
        int[][] shapes = {{9, 42}, {1, 1}, {2, 3}, {4, 7}, {30, 256}};
        for (int[] shape : shapes) {
            int d = shape[0], k = shape[1];
            java.util.Random rnd = new java.util.Random(12 + d * 1000L + k);
            double[][] a = new double[k][d], w = new double[k][d], v = new double[d][d];
            double[] b = new double[k], c = new double[d];
            for (int u = 0; u < k; u++) {
                for (int i = 0; i < d; i++) {
                    a[u][i] = rnd.nextGaussian();
                    w[u][i] = rnd.nextGaussian();
                }
                b[u] = rnd.nextGaussian();
            }
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) v[i][j] = rnd.nextGaussian();
                c[i] = i % 3 == 0 ? -0.0 : rnd.nextGaussian(); // a −0 offset must not make the paths differ
                if (i % 4 == 1) for (int j = 0; j < d; j += 2) v[i][j] = 0; // rows with zero entries, skipped
            }
            for (double[][] skip : new double[][][] {null, v}) {
                ReluNetwork net = new ReluNetwork(a, w, b, skip, c);
                for (int count : new int[] {1, 7, 64, 130, 512}) { // 130: a full tile and a partial one
                    int stride = count + 1;
                    java.util.List<double[]> ys = new java.util.ArrayList<>();
                    for (int q = 0; q < count; q++) {
                        double[] y = new double[d];
                        // zero points leave only the units with b > 0 on; scaled points reach far units
                        for (int i = 0; i < d; i++) y[i] = q % 6 == 5 ? 0.0 : (1 + q % 4) * rnd.nextGaussian();
                        ys.add(y);
                    }
                    double[] out = new double[d * stride], one = new double[d];
                    net.denoiseBatch(org.memsweep.engine.TestSupport.soa(ys, stride), count, stride, 0.1, out);
                    for (int q = 0; q < count; q++) {
                        net.denoise(ys.get(q), 0.1, one);
                        org.memsweep.engine.TestSupport.assertSameBits(one, org.memsweep.engine.TestSupport.column(out, q, stride, d),
                                "d = " + d + ", K = " + k + ", V " + (skip == null ? "= 0" : "given") + ", point " + q + " of " + count);
                    }
                }
            }
        }
    }

    @Test
    void batchOfAnInactiveNetworkIsTheSkipPartAlone() {
        // every bias far negative and inputs small: no unit is ever active, so each pair is skipped
        int d = 5, k = 6;
        double[][] a = new double[k][d], w = new double[k][d];
        double[] b = new double[k], c = {1, -2, 0.5, 0, 3};
        for (int u = 0; u < k; u++) {
            java.util.Arrays.fill(a[u], 1.0);
            java.util.Arrays.fill(w[u], 1.0);
            b[u] = -100;
        }
        ReluNetwork net = new ReluNetwork(a, w, b, null, c);
        int count = 3;
        double[] ys = new double[d * count], out = new double[d * count];
        for (int x = 0; x < ys.length; x++) ys[x] = 0.1 * x;
        net.denoiseBatch(ys, count, count, 1.0, out);
        for (int i = 0; i < d; i++) for (int q = 0; q < count; q++) assertEquals(c[i], out[i * count + q], 0.0);
    }

    @Test
    void fusesEveryMultiplyAdd() {
        // w·y = (1 + 2⁻²⁷)² = 1 + 2⁻²⁶ + 2⁻⁵⁴: fused with b = −1 that is 2⁻²⁶ + 2⁻⁵⁴, rounded first only 2⁻²⁶;
        // then a = 1 + 2⁻²⁷ and c = −2⁻²⁶: fma(h, a, c) keeps h·a's low bits, a rounded product would not.
        double e = 1 + 0x1p-27;
        ReluNetwork net = new ReluNetwork(new double[][] {{e}}, new double[][] {{e}}, new double[] {-1}, null, new double[] {-0x1p-26});
        double h = Math.fma(e, e, -1);
        assertEquals(0x1p-26 + 0x1p-54, h, 0.0);
        double expected = Math.fma(h, e, -0x1p-26);
        double[] out = new double[1];
        net.denoise(new double[] {e}, 1, out);
        assertEquals(expected, out[0], 0.0);
        assertEquals(false, expected == h * e - 0x1p-26, "the example tells fused from unfused");
        assertBatchHasTheSingleBits(net, java.util.List.of(new double[] {e}, new double[] {-e}, new double[] {e}), "fused example");
    }

    /** Prints {@link ReluNetwork#hardwareFma()} of the JVM it runs in. */
    public static final class PrintHardwareFma {
        public static void main(String[] args) {
            System.out.println(ReluNetwork.hardwareFma());
        }
    }

    @Test
    void hardwareFmaIsFalseOnAJvmToldNotToUseIt() throws Exception {
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(
                java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--add-modules=jdk.incubator.vector",
                "-cp", System.getProperty("java.class.path")));
        for (String flag : new String[] {"-XX:-UseFMA", null}) {
            java.util.List<String> c = new java.util.ArrayList<>(cmd);
            if (flag != null) c.add(flag);
            c.add(PrintHardwareFma.class.getName());
            Process p = new ProcessBuilder(c).redirectErrorStream(false).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
            assertEquals(0, p.waitFor());
            if (flag != null) assertEquals("false", out);
            else assertEquals(Boolean.toString(ReluNetwork.hardwareFma()), out);
        }
    }

    @Test
    void skipSumsEachRowsNonzeroEntriesOnly() {
        // V = ½I with an infinite coordinate: 0·∞ would make every row NaN; over nonzero entries only the
        // infinite coordinate's own row is infinite, in both paths.
        int d = 7;
        double[][] v = new double[d][d];
        for (int i = 0; i < d; i++) v[i][i] = 0.5;
        v[3][5] = -2; // one more entry in one row
        ReluNetwork net = new ReluNetwork(new double[0][], new double[0][], new double[0], v, new double[d]);
        double[] y = {1, 2, 3, 4, 5, Double.POSITIVE_INFINITY, 7}, out = new double[d];
        net.denoise(y, 1, out);
        assertArrayEquals(new double[] {0.5, 1, 1.5, Double.NEGATIVE_INFINITY, 2.5, Double.POSITIVE_INFINITY, 3.5}, out, 0.0);
        assertBatchHasTheSingleBits(net, java.util.List.of(y, new double[d], y), "V = ½I plus one entry");
    }

    @Test
    void batchHasTheSingleBitsWhereUnitsAreInactiveOnWholeBlocks() {
        // Points 0–55 and 64–89 zero: only units with b > 0 are on there, so on the kernel's blocks (of 16 or
        // 32 points) the others are inactive everywhere; points 56–63 random: on the last vector of a block
        // only; 90 points: the last block padded. d = 13, 6, 7, 5:
        // output rows in groups of five and one at a time; K = 11, 8: units in groups of four and one at a
        // time; K = 67, 130: chunks of 64 units and a last one of 3 or 2 units.
        for (int[] shape : new int[][] {{13, 11}, {6, 8}, {7, 67}, {5, 130}}) {
            int d = shape[0], k = shape[1];
            java.util.Random rnd = new java.util.Random(7 + d);
            double[][] a = new double[k][d], w = new double[k][d], v = new double[d][d];
            double[] b = new double[k], c = new double[d];
            for (int u = 0; u < k; u++) {
                for (int i = 0; i < d; i++) {
                    a[u][i] = rnd.nextGaussian();
                    w[u][i] = rnd.nextGaussian();
                }
                b[u] = u % 3 == 1 ? 0.5 + rnd.nextDouble() : u % 3 == 2 ? -0.0 : -0.5 - rnd.nextDouble(); // on, off (b = −0), off
            }
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) v[i][j] = rnd.nextGaussian();
                c[i] = i % 2 == 0 ? -0.0 : rnd.nextGaussian();
            }
            java.util.List<double[]> ys = new java.util.ArrayList<>();
            for (int q = 0; q < 90; q++) {
                double[] y = new double[d];
                if (q >= 56 && q < 64) for (int i = 0; i < d; i++) y[i] = 3 * rnd.nextGaussian();
                ys.add(y);
            }
            for (double[][] skip : new double[][][] {null, v}) {
                assertBatchHasTheSingleBits(new ReluNetwork(a, w, b, skip, c), ys, "d = " + d + ", K = " + k + ", V " + (skip == null ? "= 0" : "given"));
            }
        }
    }

    /** Every point of {@code ys} through {@link ReluNetwork#denoiseBatch} (stride count + 3) has the bits of {@link ReluNetwork#denoise}. */
    private static void assertBatchHasTheSingleBits(ReluNetwork net, java.util.List<double[]> ys, String what) {
        int count = ys.size(), stride = count + 3, d = net.dimension();
        double[] out = new double[d * stride], one = new double[d];
        net.denoiseBatch(org.memsweep.engine.TestSupport.soa(ys, stride), count, stride, 0.1, out);
        for (int q = 0; q < count; q++) {
            net.denoise(ys.get(q), 0.1, one);
            org.memsweep.engine.TestSupport.assertSameBits(one, org.memsweep.engine.TestSupport.column(out, q, stride, d), what + ", point " + q);
        }
    }
}
