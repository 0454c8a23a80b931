package org.memsweep.jobs.sweep;

import java.io.Serializable;
import java.util.LinkedHashMap;

/**
 * One Spark task's work: seed indices [from, to) of one cell, whose resolved parameters travel as
 * a plain map so the executor rebuilds the identical {@code Cell}.
 */
record Block(String cellId, LinkedHashMap<String, Object> params, long from, long to) implements Serializable {
    long size() {
        return to - from;
    }

    /** The cell's N, which names the folder ({@code n=…}) its trajectories go in. */
    int n() {
        return ((Number) params.get(org.memsweep.engine.cell.Param.N.key())).intValue();
    }
}
