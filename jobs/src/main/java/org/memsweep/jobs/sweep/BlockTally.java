package org.memsweep.jobs.sweep;

import java.io.Serializable;
import java.util.HashMap;
import org.memsweep.engine.cell.CategoryCounts;
import org.memsweep.engine.classify.Category;

/**
 * What one block wrote: its rows per category, how many of them did not converge, and their summed
 * compute time. The driver sums these into a cell's counts when every row of the cell was written
 * by the current run, instead of reading the rows back.
 */
record BlockTally(String cellId, HashMap<String, Long> byCategory, long unconverged, long computeNanos) implements Serializable {
    static BlockTally of(String cellId, CategoryCounts counts) {
        HashMap<String, Long> k = new HashMap<>();
        for (Category c : Category.values()) if (counts.count(c) > 0) k.put(c.name(), counts.count(c));
        return new BlockTally(cellId, k, counts.unconverged(), counts.computeNanos());
    }
}
