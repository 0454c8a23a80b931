package org.memsweep.engine.cell;

import org.memsweep.engine.Choice;

/** The mean μ of the start distribution y ~ N(μ, s²I) (science.md §4.1): parameter {@code start-mean}. */
public enum StartMean implements Choice {
    /** μ = 0. */
    ORIGIN,
    /** μ = the mean of the training points. */
    DATA_MEAN,
    /** μ = the centre of the hyperbox (of the bounding box for other data). */
    BOX_CENTER;

    /** The choice spelled {@code value} in the spec. */
    public static StartMean parse(String value) {
        return Choice.parse("start-mean", StartMean.class, value);
    }
}
