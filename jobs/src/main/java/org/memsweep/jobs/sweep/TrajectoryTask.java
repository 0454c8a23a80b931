package org.memsweep.jobs.sweep;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.CollectionAccumulator;
import org.memsweep.analysis.table.Columns.CellKey;
import org.memsweep.engine.cell.Cell;
import org.memsweep.engine.cell.CategoryCounts;
import org.memsweep.engine.cell.CellParams;
import org.memsweep.engine.cell.Trajectory;

/**
 * Runs the blocks of one partition (one task: a list of blocks) through the engine and turns each trajectory into a row of
 * {@code trajectories/} ({@link Schemas#trajectories()}: the cell's key columns and the trajectory's results). No numerics here: the engine computes, this only copies fields.
 * A block that throws is rethrown so Spark retries the task; on the last allowed attempt its cell
 * is reported through {@code failures} instead, and the rest of the sweep goes on.
 */
final class TrajectoryTask implements FlatMapFunction<Iterator<List<Block>>, Row> {
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
        this(runId, maxAttempts, failures, tallies, null, 0);
    }

    /**
     * @param bank  the bank's networks trained cells are built with (null: the sweep has no trained cell)
     * @param batch trajectories per engine batch, 0 for the engine's choice (the rows do not depend on it)
     */
    TrajectoryTask(String runId, int maxAttempts, CollectionAccumulator<String> failures, CollectionAccumulator<BlockTally> tallies,
                   org.apache.spark.broadcast.Broadcast<java.util.HashMap<String, org.memsweep.engine.bank.NetworkArrays>> bank, int batch) {
        this.runId = runId;
        this.maxAttempts = maxAttempts;
        this.failures = failures;
        this.tallies = tallies;
        this.bank = bank;
        this.batch = batch;
    }

    /**
     * Rows are produced one block at a time (at most a block's rows in memory), so a partition of
     * any size streams to the Parquet writer.
     */
    @Override
    public Iterator<Row> call(Iterator<List<Block>> tasks) {
        Iterator<Block> blocks = new Iterator<>() { // the partition's task: its blocks in order
            private Iterator<Block> in = java.util.Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!in.hasNext() && tasks.hasNext()) in = tasks.next().iterator();
                return in.hasNext();
            }

            @Override
            public Block next() {
                if (!hasNext()) throw new java.util.NoSuchElementException();
                return in.next();
            }
        };
        TaskContext ctx = TaskContext.get();
        boolean lastAttempt = ctx == null || ctx.attemptNumber() + 1 >= maxAttempts;
        return new Iterator<>() {
            private Iterator<Row> current = java.util.Collections.emptyIterator();
            private Cell cell; // reused across consecutive blocks of one cell (building it costs O(N·d))

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && blocks.hasNext()) {
                    Block b = blocks.next();
                    if (cell == null || !cell.id().equals(b.cellId())) cell = null;
                    BlockRun run = runBlock(b, cell, ctx, lastAttempt);
                    current = run.rows().iterator();
                    if (run.cell() != null) cell = run.cell();
                }
                return current.hasNext();
            }

            @Override
            public Row next() {
                if (!hasNext()) throw new java.util.NoSuchElementException();
                return current.next();
            }
        };
    }

    /** Trajectories handed to the engine at a time (it batches them further). */
    static final int CHUNK = 4096;

    /** What one block gave: its rows, and the cell it ran (null when the block failed), to reuse for the next block. */
    record BlockRun(List<Row> rows, Cell cell) {}

    /** Runs one block, building its cell unless {@code cached} is it. */
    BlockRun runBlock(Block b, Cell cached, TaskContext ctx, boolean lastAttempt) {
        List<Row> rows = new ArrayList<>((int) b.size());
        try {
            FaultInjection.maybeFail(b, ctx);
            Cell cell = cached != null ? cached : build(CellParams.fromMap(b.params()));
            if (!cell.id().equals(b.cellId())) {
                throw new IllegalStateException("cell " + b.cellId() + " rebuilt as " + cell.id() + " on the executor");
            }
            CategoryCounts tally = new CategoryCounts();
            Object[] key = Schemas.trajectoryKey(new CellKey(runId, cell.id(), cell.params()));
            // In chunks through the engine's batched path: the same bits as one by one, whatever the chunk.
            for (long i = b.from(); i < b.to(); i += CHUNK) {
                for (Trajectory t : cell.run(i, Math.min(b.to(), i + CHUNK), batch)) {
                    rows.add(Schemas.trajectoryRow(key, t));
                    tally.add(t);
                }
            }
            tallies.add(new BlockTally(b.cellId(), tally));
            return new BlockRun(rows, cell);
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
