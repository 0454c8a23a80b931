package org.memsweep.jobs.sweep;

import java.io.Serializable;
import org.memsweep.engine.cell.CategoryCounts;

/**
 * What one block wrote: its rows per category, how many of them did not converge, and their summed
 * compute time. The driver sums these into a cell's counts when every row of the cell was written
 * by the current run, instead of reading the rows back ({@link CellAggregation}).
 */
record BlockTally(String cellId, CategoryCounts counts) implements Serializable {}
