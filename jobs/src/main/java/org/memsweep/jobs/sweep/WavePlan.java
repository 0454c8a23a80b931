package org.memsweep.jobs.sweep;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a sweep's blocks into waves of Spark tasks. A wave is one Spark job; the cells it
 * completes are committed after it, so a killed driver loses at most the wave in flight.
 * <p>By default a task holds about {@code min(blockSize, total / (4 × parallelism))} trajectories
 * (consecutive small blocks are packed together, a block is never split), so every core gets
 * several tasks and the cores finish a wave close together. The first wave has
 * {@value #FIRST_WAVE_TASKS_PER_CORE} tasks per core (a sweep of up to about twelve per core is one
 * wave); later waves are sized from the throughput measured so
 * far to last about {@code waveSeconds}, in whole rounds of tasks (a multiple of the parallelism),
 * and a wave that would leave less than half a wave behind takes the rest too. Few waves matter
 * because at the end of each the cores wait for the slowest task and for the commit; and the last
 * round of tasks of a wave (one per core) is cut in halves, so that wait is short.
 * <p>With an explicit partition count P, each wave is the next 4 × P blocks split into P
 * contiguous partitions, as Spark would slice them.
 */
final class WavePlan {
    /** Tasks per core the default packing aims for, and the least of any wave. */
    static final int TASKS_PER_CORE = 4;

    /** Tasks per core of the first wave, sized before any throughput is known. */
    static final int FIRST_WAVE_TASKS_PER_CORE = 8;

    private final List<List<Block>> units; // tasks (default) or single blocks (explicit partitions)
    private final int parallelism;
    private final Integer partitions;
    private int next;

    private WavePlan(List<List<Block>> units, int parallelism, Integer partitions) {
        this.units = units;
        this.parallelism = parallelism;
        this.partitions = partitions;
    }

    /**
     * @param blocks      the blocks to run, in plan order (each at most {@code blockSize} seeds)
     * @param blockSize   the most seeds in one task (default mode)
     * @param parallelism the cores available (Spark's default parallelism)
     * @param partitions  partitions per wave, or null for the default packing
     */
    static WavePlan of(List<Block> blocks, long blockSize, int parallelism, Integer partitions) {
        int par = Math.max(1, parallelism);
        List<List<Block>> units = new ArrayList<>();
        if (partitions != null) {
            for (Block b : blocks) units.add(List.of(b));
            return new WavePlan(units, par, partitions);
        }
        long total = size(blocks);
        long target = Math.max(1, Math.min(blockSize, ceilDiv(total, (long) TASKS_PER_CORE * par)));
        List<Block> task = new ArrayList<>();
        long size = 0;
        for (Block b : blocks) {
            if (!task.isEmpty() && size + b.size() > target) {
                units.add(task);
                task = new ArrayList<>();
                size = 0;
            }
            task.add(b);
            size += b.size();
        }
        if (!task.isEmpty()) units.add(task);
        return new WavePlan(units, par, null);
    }

    boolean hasNext() {
        return next < units.size();
    }

    /**
     * The next wave's tasks, each a list of blocks (serializable lists).
     *
     * @param trajectoriesPerSecond the throughput measured so far, or NaN before the first wave
     * @param waveSeconds           how long a wave should last (default mode)
     */
    List<List<Block>> next(double trajectoriesPerSecond, double waveSeconds) {
        if (!hasNext()) throw new java.util.NoSuchElementException();
        List<List<Block>> wave = new ArrayList<>();
        if (partitions != null) {
            int end = Math.min(units.size(), next + TASKS_PER_CORE * partitions);
            List<Block> blocks = new ArrayList<>();
            for (List<Block> u : units.subList(next, end)) blocks.addAll(u);
            next = end;
            int p = Math.min(partitions, blocks.size());
            for (int i = 0; i < p; i++) {
                // ParallelCollectionRDD's slices: positions [i·n/p, (i+1)·n/p).
                int from = (int) ((long) i * blocks.size() / p), to = (int) ((long) (i + 1) * blocks.size() / p);
                wave.add(new ArrayList<>(blocks.subList(from, to)));
            }
            return wave;
        }
        int least = TASKS_PER_CORE * parallelism, count = FIRST_WAVE_TASKS_PER_CORE * parallelism;
        if (trajectoriesPerSecond > 0 && Double.isFinite(trajectoriesPerSecond)) {
            long left = 0;
            for (List<Block> u : units.subList(next, units.size())) left += size(u);
            double perTask = (double) left / (units.size() - next);
            long rounds = (long) Math.ceil(trajectoriesPerSecond * waveSeconds / perTask / parallelism);
            count = (int) Math.max(least, Math.min(Integer.MAX_VALUE / 2, rounds * parallelism));
        }
        int remaining = units.size() - next;
        if (remaining - count <= count / 2) count = remaining;
        List<List<Block>> tasks = units.subList(next, next + count);
        next += count;
        // The last round ends the wave: its tasks are halved, so the cores run out of work at
        // nearly the same moment instead of one waiting for another's whole task.
        int tail = count >= 2 * parallelism ? parallelism : 0;
        for (List<Block> u : tasks.subList(0, count - tail)) wave.add(new ArrayList<>(u));
        for (List<Block> u : tasks.subList(count - tail, count)) wave.addAll(halves(u));
        return wave;
    }

    /** A task as two tasks of half its seeds (blocks cut at a seed index); a one-seed task stays whole. */
    static List<List<Block>> halves(List<Block> task) {
        long total = size(task), half = total / 2;
        if (half == 0) return List.of(new ArrayList<>(task));
        List<Block> first = new ArrayList<>(), second = new ArrayList<>();
        long seen = 0;
        for (Block b : task) {
            if (seen + b.size() <= half) first.add(b);
            else if (seen >= half) second.add(b);
            else {
                long cut = b.from() + (half - seen);
                first.add(new Block(b.cellId(), b.params(), b.from(), cut));
                second.add(new Block(b.cellId(), b.params(), cut, b.to()));
            }
            seen += b.size();
        }
        return List.of(first, second);
    }

    /** The seeds in some blocks (a task's, a sweep's). */
    static long size(List<Block> task) {
        long s = 0;
        for (Block b : task) s += b.size();
        return s;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
