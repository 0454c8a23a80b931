package org.memsweep.jobs.cli;

import java.io.PrintStream;

/**
 * The one warning of commands that evaluate ReLU networks (sweeps of trained cells, {@code experiment
 * flows}, {@code bench}'s case (d)) on a JVM without hardware fused multiply-adds
 * ({@link org.memsweep.engine.denoiser.ReluNetwork#hardwareFma()}): the networks' every multiply-add is
 * fused, so there they run on Java's exact software fma. Not refused: the results are the same bits,
 * and a small network may still be fast enough.
 */
final class SoftwareFma {
    private SoftwareFma() {}

    static final String WARNING = "warning: this JVM has no hardware fused multiply-add (HotSpot's UseFMA is off: the CPU "
            + "lacks FMA, or -XX:-UseFMA was given), so ReLU networks run on Java's exact software fma: the same results, "
            + "thousands of times slower";

    /** Prints {@code command: }{@link #WARNING} on {@code err} unless {@code hardware}; whether it did. */
    static boolean warn(String command, boolean hardware, PrintStream err) {
        if (hardware) return false;
        err.println(command + ": " + WARNING);
        return true;
    }

    /** {@link #warn(String, boolean, PrintStream)} for this JVM. */
    static boolean warn(String command, PrintStream err) {
        return warn(command, org.memsweep.engine.denoiser.ReluNetwork.hardwareFma(), err);
    }
}
