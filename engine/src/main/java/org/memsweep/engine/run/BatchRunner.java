package org.memsweep.engine.run;

import org.memsweep.engine.InvalidParameterException;
import org.memsweep.engine.classify.Classifier;
import org.memsweep.engine.classify.Endpoint;
import org.memsweep.engine.flow.Flow;

/**
 * Runs the trajectories of one cell in batches (science.md §4 and §6): starts sampled per seed index,
 * the flow integrated for the whole batch ({@link Flow#runBatch}: one batched denoiser evaluation per
 * level), each endpoint classified. The batch size is chosen here from d (see {@link #batchSize}); every
 * trajectory's result is the same bits as a one-by-one run, whatever the batch size or the range split,
 * since nothing mixes trajectories. The per-trajectory time is the batch's time shared equally.
 * No allocation per trajectory besides the {@link Endpoint} records. Not thread-safe: one per task.
 */
public final class BatchRunner {
    /** Doubles of a batch × d (16 MB: the flow keeps each trajectory's perpendicular part, d doubles): bounds a batch's memory in very large d. */
    private static final int STATE_BUDGET = 1 << 21;
    private static final int MAX_BATCH = 512;
    private final Flow flow;
    private final Classifier classifier;
    private final StartSampler starts;
    private final int d, batch;
    private final double[] row;
    private final Flow.BatchIo io = new Io();
    // The batch run() is on: where its seeds start and where its results go (read by io).
    private long batchFrom;
    private int batchOffset;
    private Endpoint[] endpointsOut;
    private int[] stepsOut;
    private boolean[] convergedOut;
    private double[] endsOut;

    /** A runner with the engine's batch size for this d. */
    public BatchRunner(Flow flow, Classifier classifier, StartSampler starts) {
        this(flow, classifier, starts, batchSize(flow));
    }

    /** A runner with a given batch size ≥ 1 (for tests: the results do not depend on it). */
    public BatchRunner(Flow flow, Classifier classifier, StartSampler starts, int batch) {
        if (batch < 1) throw new InvalidParameterException("batch", batch, "an integer ≥ 1");
        if (starts.dimension() != flow.dimension()) {
            throw new IllegalArgumentException("starts of dimension " + starts.dimension() + " for a flow in d = " + flow.dimension());
        }
        this.flow = flow;
        this.classifier = classifier;
        this.starts = starts;
        this.d = flow.dimension();
        this.batch = batch;
        this.row = new double[d];
    }

    /**
     * The engine's batch size for dimension d: up to 512 trajectories (the fused closed-form levels run a batch row
     * of 512 through all levels in L1, 0.32 ns per coordinate-step against 0.44 ns at 128; measured fastest on
     * the bench cases, also for the scale preset's d = 4096), and at most 2^21 doubles of rows (d = 16384: 128).
     */
    public static int batchSize(int d) {
        return Math.max(1, Math.min(MAX_BATCH, STATE_BUDGET / Math.max(1, d)));
    }

    /** The engine's batch size for {@code flow}: {@link #batchSize(int)}, capped by what its denoisers prefer (networks: 128). */
    public static int batchSize(Flow flow) {
        return Math.max(1, Math.min(batchSize(flow.dimension()), flow.preferredBatch()));
    }

    public int batch() {
        return batch;
    }

    /** The flow this runner drives. */
    public Flow flow() {
        return flow;
    }

    /** Starts sampled into the flow's row, endpoints classified from it: one trajectory at a time, in cache. */
    private final class Io implements Flow.BatchIo {
        @Override
        public void start(int b, double[] y, int off) {
            starts.sample(batchFrom + b, y, off);
        }

        @Override
        public void end(int b, double[] y, int off, int steps, boolean converged) {
            int k = batchOffset + b;
            double[] point = y;
            if (off != 0 || y.length != d) {
                System.arraycopy(y, off, row, 0, d);
                point = row;
            }
            endpointsOut[k] = classifier.classify(point);
            stepsOut[k] = steps;
            convergedOut[k] = converged;
            if (endsOut != null) System.arraycopy(y, off, endsOut, k * d, d);
        }
    }

    /**
     * Runs seed indices from, from+1, …, from+count−1 and writes trajectory k's results at index
     * {@code offset + k} of the arrays: its endpoint classification, steps, convergence, and elapsed
     * nanoseconds (its batch's time / batch size). {@code ends} (may be null) receives the endpoints
     * row by row (trajectory k at (offset+k)·d).
     */
    public void run(long from, int count, int offset, Endpoint[] endpoints, int[] stepsOut, boolean[] convergedOut,
                    long[] nanos, double[] ends) {
        if (from < 0 || count < 0) throw new InvalidParameterException("seeds", "[" + from + ", +" + count + ")", "0 ≤ from, count ≥ 0");
        this.endpointsOut = endpoints;
        this.stepsOut = stepsOut;
        this.convergedOut = convergedOut;
        this.endsOut = ends;
        try {
            for (int done = 0; done < count; ) {
                int c = Math.min(batch, count - done);
                long t0 = System.nanoTime();
                batchFrom = from + done;
                batchOffset = offset + done;
                flow.runBatch(c, io);
                long each = (System.nanoTime() - t0) / c;
                for (int b = 0; b < c; b++) nanos[offset + done + b] = each;
                done += c;
            }
        } finally {
            this.endpointsOut = null; // the caller's arrays are not kept
            this.stepsOut = null;
            this.convergedOut = null;
            this.endsOut = null;
        }
    }
}
