/**
 * One cell of a sweep (a grid point): its parameters, declared once in
 * {@link org.memsweep.engine.cell.Param} (key, column, type, default, allowed values,
 * applicability) and held typed in {@link org.memsweep.engine.cell.CellParams}; the auto rules of
 * docs/science.md §4.1; the assembled {@link org.memsweep.engine.cell.Cell} (data §2, denoisers §3,
 * flow §4, classifier §6, exact prediction §5) and its trajectories and category counts.
 */
package org.memsweep.engine.cell;
