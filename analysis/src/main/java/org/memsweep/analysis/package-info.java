/**
 * Reading the sweep's tables: everything memsweep says about results it has already written, with
 * Spark SQL and no engine run. One room per concern:
 * {@link org.memsweep.analysis.table} (the tables' columns, SQL views, diff),
 * {@link org.memsweep.analysis.stat} (Wilson intervals, the trend test),
 * {@link org.memsweep.analysis.verdict} (series of cells, the verdict and bug signals),
 * {@link org.memsweep.analysis.render} (text, CSV and JSON for the terminal and pipes) and
 * {@link org.memsweep.analysis.report} (the HTML report).
 *
 * <p>The claims checked are those of docs/science.md §7 (memorization against N) with the
 * categories of §6 and the exact predictions of §5.
 */
package org.memsweep.analysis;
