/**
 * The result tables as data: every column of {@code cells/} and {@code trajectories/} declared once
 * ({@link org.memsweep.analysis.table.Columns}: name, Spark type, nullability, how its value is read
 * from the engine's trajectory or a cell's counts; categories of science.md §6, exact predictions of
 * §5), the read-only SQL views over an output root ({@link org.memsweep.analysis.table.SqlQuery}) and
 * the comparison of two roots ({@link org.memsweep.analysis.table.TableDiff}).
 */
package org.memsweep.analysis.table;
