package org.memsweep.jobs.sweep;

import java.io.Serializable;

/**
 * What one block wrote for one category: its row count and their summed compute time. The driver
 * sums these into a cell's counts when every row of the cell was written by the current run,
 * instead of reading the rows back.
 */
record BlockTally(String cellId, String category, long count, long computeNanos) implements Serializable {}
