package org.memsweep.engine.denoiser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.memsweep.engine.TestSupport.assertInvalid;

import org.junit.jupiter.api.Test;

class LevelNetworksTest {
    private static ReluNetwork constant(double c) {
        return new ReluNetwork(new double[][] {{1, 0}}, new double[][] {{1, 0}}, new double[] {0}, null, new double[] {c, c});
    }

    @Test
    void eachLevelUsesItsOwnNetworkSingleAndBatched() {
        LevelNetworks h = new LevelNetworks(new double[] {1.0, 0.5}, new ReluNetwork[] {constant(10), constant(20)});
        assertFalse(SubspaceDenoiser.class.isAssignableFrom(LevelNetworks.class), "flows integrate trained networks in R^d");
        double[] y = {-1, 3}, out = new double[2];
        h.denoise(y, 0.5, out);
        assertArrayEquals(new double[] {20, 20}, out, 0.0);
        h.denoise(y, 1.0, out);
        assertArrayEquals(new double[] {10, 10}, out, 0.0);
        double[] ys = {-1, 2, 3, 3}, outs = new double[4]; // two points, structure of arrays
        h.denoiseBatch(ys, 2, 2, 0.5, outs);
        assertArrayEquals(new double[] {20, 22, 20, 20}, outs, 0.0);
    }

    @Test
    void aLevelWithoutANetworkAndBadSetsAreRefused() {
        LevelNetworks h = new LevelNetworks(new double[] {1.0, 0.5}, new ReluNetwork[] {constant(10), constant(20)});
        assertInvalid("sigma", "0.25", () -> h.denoise(new double[2], 0.25, new double[2]), "levels the networks were trained at");
        assertInvalid("networks", "1 networks for 2 levels", () -> new LevelNetworks(new double[] {1, 0.5}, new ReluNetwork[] {constant(1)}));
        assertInvalid("networks", "two networks at σ = 1.0", () -> new LevelNetworks(new double[] {1, 1}, new ReluNetwork[] {constant(1), constant(2)}));
    }
}
