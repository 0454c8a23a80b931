package org.memsweep.engine.bank;

import org.memsweep.engine.InvalidParameterException;
import org.memsweep.engine.cell.Cell;
import org.memsweep.engine.data.DatasetSpec;
import org.memsweep.engine.train.TrainSettings;

/**
 * The stable key of one trained network in the bank (science.md §3.4): 16 hex digits of SHA-256 of
 * {@link #canonical}, which names everything the network is a function of — the training set (its
 * canonical text and the seed it was generated from), the noise level σ (its exact bits), the
 * training settings ({@link TrainSettings#canonical()}) and the warm-start chain it was trained in
 * (every level of the chain, in training order: a warm-started network depends on the levels
 * trained before it, so the same σ in another chain is another network).
 */
public final class BankKey {
    private BankKey() {}

    /** The key of the network at {@code sigma}, one of the levels of {@code chain}. */
    public static String of(DatasetSpec data, long dataSeed, double sigma, TrainSettings settings, double[] chain) {
        return Cell.hashHex(canonical(data, dataSeed, sigma, settings, chain));
    }

    /** The text the key hashes; σ and the chain's levels as the hex of their bits, so no rounding can merge two levels. */
    public static String canonical(DatasetSpec data, long dataSeed, double sigma, TrainSettings settings, double[] chain) {
        boolean inChain = false;
        StringBuilder c = new StringBuilder();
        for (double s : chain) {
            if (c.length() > 0) c.append(',');
            c.append(Long.toHexString(Double.doubleToRawLongBits(s)));
            inChain |= Double.doubleToRawLongBits(s) == Double.doubleToRawLongBits(sigma);
        }
        if (!inChain) throw new InvalidParameterException("sigma", sigma, "one of the levels of its warm-start chain");
        return data.canonical() + ";data-seed=" + dataSeed + ";sigma=" + Long.toHexString(Double.doubleToRawLongBits(sigma))
                + ";" + settings.canonical() + ";chain=" + c;
    }
}
