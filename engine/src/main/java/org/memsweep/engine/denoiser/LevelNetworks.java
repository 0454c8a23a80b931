package org.memsweep.engine.denoiser;

import org.memsweep.engine.InvalidParameterException;

/**
 * Trained networks, one per noise level (science.md §3.4), as one denoiser: h_σ is the network
 * trained at σ, looked up by σ's exact bits (a flow evaluates its denoisers at its schedule's levels
 * only, so no interpolation is needed, and a σ without a network is an error). Not a
 * {@link SubspaceDenoiser}: a trained network's output is not confined to the training points' span,
 * so flows integrate it in R^d. Not thread-safe (the networks' batch workspaces).
 */
public final class LevelNetworks implements Denoiser {
    private final double[] levels;
    private final ReluNetwork[] networks;
    private final int d;
    private int last; // the level found last: a flow asks for each level many times in a row

    /** @param levels distinct noise levels; {@code networks[i]} was trained at {@code levels[i]} */
    public LevelNetworks(double[] levels, ReluNetwork[] networks) {
        if (levels.length == 0 || levels.length != networks.length) {
            throw new InvalidParameterException("networks", networks.length + " networks for " + levels.length + " levels",
                    "one network per level, at least one");
        }
        this.levels = levels.clone();
        this.networks = networks.clone();
        this.d = networks[0].dimension();
        for (int i = 0; i < levels.length; i++) {
            if (networks[i].dimension() != d) {
                throw new InvalidParameterException("networks", "a network in R^" + networks[i].dimension() + " at σ = " + levels[i],
                        "networks of one dimension d = " + d);
            }
            for (int j = 0; j < i; j++) {
                if (levels[j] == levels[i]) throw new InvalidParameterException("networks", "two networks at σ = " + levels[i], "distinct levels");
            }
        }
    }

    @Override
    public int dimension() {
        return d;
    }

    @Override
    public int preferredBatch() {
        return networks[0].preferredBatch();
    }

    private ReluNetwork at(double sigma) {
        if (levels[last] == sigma) return networks[last];
        for (int i = 0; i < levels.length; i++) {
            if (levels[i] == sigma) {
                last = i;
                return networks[i];
            }
        }
        throw new InvalidParameterException("sigma", sigma, "one of the " + levels.length + " levels the networks were trained at, "
                + levels[levels.length - 1] + " … " + levels[0]);
    }

    @Override
    public void denoise(double[] y, double sigma, double[] out) {
        at(sigma).denoise(y, sigma, out);
    }

    @Override
    public void denoiseBatch(double[] y, int count, int stride, double sigma, double[] out) {
        at(sigma).denoiseBatch(y, count, stride, sigma, out);
    }
}
