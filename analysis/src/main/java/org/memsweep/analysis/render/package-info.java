/**
 * Results as text for people and programs: query results as an aligned table, CSV or JSON lines
 * ({@link org.memsweep.analysis.render.TableFormatter}), the verdict in words
 * ({@link org.memsweep.analysis.render.VerdictText}), and the one JSON writer of every command
 * ({@link org.memsweep.analysis.render.Json}: NaN and ±Infinity are written as {@code null}).
 * Renders what it is given; reads no table and computes no statistic. The numbers it prints are
 * those of docs/science.md §5–§7.
 */
package org.memsweep.analysis.render;
