package org.memsweep.jobs.sweep;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.VoidFunction;
import org.apache.spark.util.CollectionAccumulator;
import org.memsweep.analysis.table.Columns.CellKey;
import org.memsweep.engine.cell.Cell;
import org.memsweep.engine.cell.CategoryCounts;
import org.memsweep.engine.cell.CellParams;
import org.memsweep.engine.cell.Trajectory;

/**
 * Runs the blocks of one partition (one task: a list of blocks) through the engine and writes each trajectory as a row of
 * {@code trajectories/} ({@link Schemas#trajectoryFile()}: the cell's key columns and the trajectory's results) into the
 * task's own files ({@link TrajectoryFiles}). No numerics here: the engine computes, this only copies fields.
 * A block that throws is rethrown so Spark retries the task; on the last allowed attempt its cell
 * is reported through {@code failures} instead, and the rest of the sweep goes on.
 */
final class TrajectoryTask implements VoidFunction<Iterator<List<Block>>> {
    private static final long serialVersionUID = 1L;
    /** The run writing the rows (their run_id). */
    private final String runId;
    private final int maxAttempts;
    private final CollectionAccumulator<String> failures;
    private final CollectionAccumulator<BlockTally> tallies;
    /** The bank's networks the sweep's trained cells need, by key; null when it has none. */
    private final org.apache.spark.broadcast.Broadcast<java.util.HashMap<String, org.memsweep.engine.bank.NetworkArrays>> bank;
    /** Trajectories per engine batch, 0 for the engine's choice ({@link SweepJob#withBatch}). */
    private final int batch;
    /** Where the rows go: the attempt's files, renamed into trajectories/ when the task is done. */
    private final TrajectoryFiles files;

    /**
     * Networks decoded from {@link #bank}, by key: once per executor thread, not per block (a network
     * holds scratch buffers, so threads do not share one).
     */
    private static final ThreadLocal<java.util.Map<String, org.memsweep.engine.denoiser.ReluNetwork>> DECODED =
            ThreadLocal.withInitial(java.util.HashMap::new);

    /**
     * @param failures the cells of blocks that failed their last attempt ("cell_id TAB error")
     * @param tallies  per block and category, the rows emitted and their compute time (Spark merges
     *                 a task's updates once, when it succeeds)
     */
    TrajectoryTask(String runId, int maxAttempts, CollectionAccumulator<String> failures, CollectionAccumulator<BlockTally> tallies) {
        this(runId, maxAttempts, failures, tallies, null, 0, null);
    }

    /**
     * @param bank  the bank's networks trained cells are built with (null: the sweep has no trained cell)
     * @param batch trajectories per engine batch, 0 for the engine's choice (the rows do not depend on it)
     * @param files the run's trajectory files (null: only {@link #runBlock} is used, in tests)
     */
    TrajectoryTask(String runId, int maxAttempts, CollectionAccumulator<String> failures, CollectionAccumulator<BlockTally> tallies,
                   org.apache.spark.broadcast.Broadcast<java.util.HashMap<String, org.memsweep.engine.bank.NetworkArrays>> bank, int batch,
                   TrajectoryFiles files) {
        this.runId = runId;
        this.maxAttempts = maxAttempts;
        this.failures = failures;
        this.tallies = tallies;
        this.bank = bank;
        this.batch = batch;
        this.files = files;
    }

    /**
     * Runs the task's blocks in order and writes their rows into the attempt's files
     * ({@link TrajectoryFiles}): a block's rows are written once the whole block has run (at most a
     * block's trajectories in memory), so a block that fails on the last attempt leaves no row; the
     * files are renamed into the table when every block has run.
     */
    @Override
    public void call(Iterator<List<Block>> tasks) throws IOException {
        List<Block> blocks = new ArrayList<>();
        while (tasks.hasNext()) blocks.addAll(tasks.next());
        if (blocks.isEmpty()) return;
        TaskContext ctx = TaskContext.get();
        boolean lastAttempt = ctx == null || ctx.attemptNumber() + 1 >= maxAttempts;
        TrajectoryFiles.Attempt out = ctx == null ? files.open(blocks.get(0), 0, 0, 0, 0)
                : files.open(blocks.get(0), ctx.stageId(), ctx.partitionId(), ctx.attemptNumber(), ctx.taskAttemptId());
        boolean committed = false;
        try {
            Set<Integer> ns = new TreeSet<>();
            Cell cell = null; // reused across consecutive blocks of one cell (building it costs O(N·d))
            for (Block b : blocks) {
                int n = b.n();
                ns.add(n);
                if (cell != null && !cell.id().equals(b.cellId())) cell = null;
                BlockRun run = runBlock(b, cell, ctx, lastAttempt);
                if (run.cell() == null) continue; // failed on the last attempt: reported, no rows
                cell = run.cell();
                TrajectoryRow row = new TrajectoryRow(Schemas.trajectoryFileKey(new CellKey(runId, cell.id(), cell.params())));
                for (Trajectory t : run.trajectories()) out.write(n, row.of(t));
            }
            out.commit(ns);
            committed = true;
        } finally {
            if (!committed) out.abort();
        }
        FaultInjection.maybeFailCommitted(blocks.get(0), ctx);
    }

    /** Trajectories handed to the engine at a time (it batches them further). */
    static final int CHUNK = 4096;

    /** What one block gave: its trajectories, and the cell it ran (null when the block failed), to reuse for the next block. */
    record BlockRun(List<Trajectory> trajectories, Cell cell) {}

    /** Runs one block, building its cell unless {@code cached} is it. */
    BlockRun runBlock(Block b, Cell cached, TaskContext ctx, boolean lastAttempt) {
        List<Trajectory> trajectories = new ArrayList<>((int) b.size());
        try {
            FaultInjection.maybeFail(b, ctx);
            Cell cell = cached != null ? cached : build(CellParams.fromMap(b.params()));
            if (!cell.id().equals(b.cellId())) {
                throw new IllegalStateException("cell " + b.cellId() + " rebuilt as " + cell.id() + " on the executor");
            }
            CategoryCounts tally = new CategoryCounts();
            // In chunks through the engine's batched path: the same bits as one by one, whatever the chunk.
            for (long i = b.from(); i < b.to(); i += CHUNK) {
                for (Trajectory t : cell.run(i, Math.min(b.to(), i + CHUNK), batch)) {
                    trajectories.add(t);
                    tally.add(t);
                }
            }
            tallies.add(new BlockTally(b.cellId(), tally));
            return new BlockRun(trajectories, cell);
        } catch (RuntimeException e) {
            if (!lastAttempt) throw e;
            failures.add(b.cellId() + "\t" + e);
            return new BlockRun(List.of(), null);
        }
    }

    /** The cell of {@code p}, a trained one on the broadcast bank's networks. */
    private Cell build(CellParams p) {
        if (bank == null) return Cell.build(p);
        return Cell.build(p, t -> org.memsweep.jobs.bank.BankNetworks.networks(p, t, bank.value(), DECODED.get()));
    }
}
