package org.memsweep.jobs.sweep;

import org.apache.spark.TaskContext;

/**
 * Test hooks, off unless a system property names them: {@code memsweep.fail.cell=<cell id>}
 * makes every attempt on that cell throw (a cell that fails all retries);
 * {@code memsweep.fail.once=<cell id>} makes only the first attempt throw (a retried task);
 * {@code memsweep.fail.block=<cell id>:<first seed index>} makes every attempt on that one block
 * throw (a cell of which only some blocks fail);
 * {@code memsweep.fail.committed=<cell id>} makes the first attempt of a task whose first block is
 * of that cell throw after its files were renamed into the table (a task retried after its rows
 * were in place: executor lost before it reported, or a speculative copy).
 * Used by the fault-tolerance tests; never set in normal runs.
 */
final class FaultInjection {
    private FaultInjection() {}

    static void maybeFail(Block b, TaskContext ctx) {
        String always = System.getProperty("memsweep.fail.cell");
        if (always != null && always.equals(b.cellId())) {
            throw new IllegalStateException("injected failure for cell " + b.cellId());
        }
        String block = System.getProperty("memsweep.fail.block");
        if (block != null && block.equals(b.cellId() + ":" + b.from())) {
            throw new IllegalStateException("injected failure for block " + block);
        }
        String once = System.getProperty("memsweep.fail.once");
        if (once != null && once.equals(b.cellId()) && ctx != null && ctx.attemptNumber() == 0) {
            throw new IllegalStateException("injected first-attempt failure for cell " + b.cellId());
        }
    }

    /** After a task's files were renamed into the table; {@code first} is the task's first block. */
    static void maybeFailCommitted(Block first, TaskContext ctx) {
        String committed = System.getProperty("memsweep.fail.committed");
        if (committed != null && committed.equals(first.cellId()) && ctx != null && ctx.attemptNumber() == 0) {
            throw new IllegalStateException("injected failure after the files of cell " + first.cellId() + " were committed");
        }
    }
}
