/**
 * The sweep: a spec ({@link org.memsweep.jobs.sweep.SweepSpec}) becomes the rows of
 * {@code trajectories/}, {@code cells/} and {@code runs/} under an output root, resumably
 * (science.md §7's experiments, run cell by cell with the engine's §1–§6). Its protocol in named
 * parts: {@link org.memsweep.jobs.sweep.OutputRoot} and {@link org.memsweep.jobs.sweep.RootLock}
 * (whose root, one writer), {@link org.memsweep.jobs.sweep.DataFiles} (whole files only),
 * {@link org.memsweep.jobs.sweep.CellsTable} (recover, stage, swap), {@code MissingSeeds} and
 * {@code SweepPlan} (what to compute), {@link org.memsweep.jobs.sweep.WavePlan} and
 * {@code TrajectoryTask} (the waves of Spark tasks), {@code TrajectoryFiles} (each task's own Parquet
 * files, renamed into the table under names that every attempt of the task shares; their rows as
 * {@code TrajectoryRow}s, handed to Parquet by {@code TrajectoryWriteSupport}), {@code CellAggregation} and {@code CellCommitter}
 * (a cell's row, once its seeds are all present), {@code DriverParquet} (the small tables written by
 * the driver, no Spark job), {@link org.memsweep.jobs.sweep.ForklessLocalFileSystem} ({@code file:}
 * without a chmod process per file), {@code Progress} (the status line);
 * {@link org.memsweep.jobs.sweep.SweepJob} runs them in order. The columns written are those declared
 * in {@link org.memsweep.analysis.table.Columns}; {@link org.memsweep.jobs.sweep.Schemas} builds the
 * schemas and rows from them.
 */
package org.memsweep.jobs.sweep;
