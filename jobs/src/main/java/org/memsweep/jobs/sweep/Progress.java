package org.memsweep.jobs.sweep;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * The sweep's status line on stderr, at most once a second on a terminal (every 10 s otherwise):
 * cells done / total, trajectories per second, elapsed, ETA. Tasks are mapped to their blocks
 * through the job group of each wave, so other jobs' tasks are never counted; a task counts once
 * however often it is retried.
 */
final class Progress extends SparkListener {
    private record Wave(List<List<Block>> partBlocks, boolean[] seen) {}

    private final Map<String, Wave> byGroup = new HashMap<>();
    private final Map<Integer, Wave> byStage = new HashMap<>();
    private final Map<String, Long> seedsLeft;
    private final int cellsTotal;
    private final long total;
    private final PrintStream out;
    private final AtomicLong done = new AtomicLong();
    private volatile int cellsDone;
    private volatile boolean running;
    private Thread thread;
    private long start;

    /**
     * @param total     the trajectories to run
     * @param seedsLeft the seeds to run per cell (copied)
     * @param out       where the line goes; null for none
     */
    Progress(long total, Map<String, Long> seedsLeft, PrintStream out) {
        this.total = total;
        this.seedsLeft = new HashMap<>(seedsLeft);
        this.cellsTotal = seedsLeft.size();
        this.out = out;
    }

    /** Registers the tasks (lists of blocks, one per partition) of the wave that runs under job group {@code group}. */
    synchronized void expect(String group, List<List<Block>> tasks) {
        byGroup.put(group, new Wave(tasks, new boolean[tasks.size()]));
    }

    @Override
    public void onJobStart(SparkListenerJobStart start) {
        String group = start.properties() == null ? null : start.properties().getProperty("spark.jobGroup.id");
        scala.collection.Iterator<Object> it = start.stageIds().iterator();
        while (it.hasNext()) stageStarted(group, (Integer) it.next());
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        taskEnded(end.stageId(), end.taskInfo().index(), end.taskInfo().successful());
    }

    /** A stage of a job of job group {@code group} (null: none) started. */
    synchronized void stageStarted(String group, int stageId) {
        Wave w = group == null ? null : byGroup.get(group);
        if (w != null) byStage.put(stageId, w);
    }

    /** Task {@code index} of stage {@code stageId} ended; its blocks count as done the first time it succeeds. */
    synchronized void taskEnded(int stageId, int index, boolean successful) {
        Wave w = byStage.get(stageId);
        if (w == null || !successful || index < 0 || index >= w.seen().length || w.seen()[index]) return;
        w.seen()[index] = true;
        for (Block b : w.partBlocks().get(index)) {
            done.addAndGet(b.size());
            if (seedsLeft.merge(b.cellId(), -b.size(), Long::sum) == 0) cellsDone++;
        }
    }

    /** Trajectories of finished tasks so far. */
    long trajectoriesDone() {
        return done.get();
    }

    /** Cells whose every block has finished. */
    int cellsDone() {
        return cellsDone;
    }

    void start() {
        if (out == null) return;
        start = System.nanoTime();
        running = true;
        boolean tty = System.console() != null;
        thread = new Thread(() -> {
            while (running) {
                print(false);
                try {
                    Thread.sleep(tty ? 1000 : 10000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "memsweep-progress");
        thread.setDaemon(true);
        thread.start();
    }

    void stop() {
        if (thread == null) return;
        running = false;
        thread.interrupt();
        print(true);
    }

    private void print(boolean last) {
        boolean tty = System.console() != null;
        out.print(line((System.nanoTime() - start) / 1e9, last, tty));
        out.flush();
    }

    /** The status line after {@code elapsed} seconds; the {@code last} one reports everything done. */
    String line(double elapsed, boolean last, boolean tty) {
        long d = last ? total : done.get();
        double rate = elapsed > 0 ? d / elapsed : 0;
        String eta = d == 0 ? "?" : fmt((total - d) / Math.max(rate, 1e-9));
        return String.format(Locale.ROOT, "%s  cells %d/%d  trajectories %d/%d  %.0f traj/s  elapsed %s  ETA %s   %s",
                tty ? "\r" : "", last ? cellsTotal : cellsDone, cellsTotal, d, total, rate, fmt(elapsed), last ? "0s" : eta,
                last || !tty ? "\n" : "");
    }

    /** Seconds as {@code 42s}, {@code 3m07s} or {@code 2h05m}. */
    static String fmt(double s) {
        long t = Math.round(s);
        return t >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", t / 3600, t / 60 % 60)
                : t >= 60 ? String.format(Locale.ROOT, "%dm%02ds", t / 60, t % 60) : t + "s";
    }
}
