/**
 * The subcommands (sweep, simulate, sql, verdict, report, diff, bench) and what they share: the
 * cell-parameter flags built from {@link org.memsweep.engine.cell.Param}, the Spark session, the
 * table and JSON output. Bad input is one line naming what was wrong and what is allowed, exit code 2.
 * No computation lives here: a command checks its options and calls the engine, the sweep or the analysis.
 */
package org.memsweep.jobs.cli;
