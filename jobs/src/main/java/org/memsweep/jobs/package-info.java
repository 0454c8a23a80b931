/**
 * The {@code memsweep} command: {@link org.memsweep.jobs.Main} parses the command line
 * ({@link org.memsweep.jobs.cli}) and runs the sweep ({@link org.memsweep.jobs.sweep}), which turns
 * the engine's cells (science.md §1–§6) into the tables the analysis reads. The layering is
 * jobs → engine, analysis; neither of those knows this package.
 */
package org.memsweep.jobs;
