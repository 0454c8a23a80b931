/**
 * The paper's claim checked on the cells table (docs/science.md §7, memorization against N): cells
 * grouped into series that differ only in N ({@link org.memsweep.analysis.verdict.CellSeries}), a
 * trend test per series, and the bug signals where a Monte Carlo estimate contradicts the exact
 * prediction of §5 ({@link org.memsweep.analysis.verdict.Verdict}). Computes only; the words are
 * {@link org.memsweep.analysis.render.VerdictText}'s.
 */
package org.memsweep.analysis.verdict;
