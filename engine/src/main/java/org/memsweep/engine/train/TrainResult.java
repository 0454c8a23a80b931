package org.memsweep.engine.train;

import org.memsweep.engine.denoiser.ReluNetwork;

/**
 * One training run (science.md §3.4).
 *
 * @param network      the trained network
 * @param cost         its representation cost Σ_k ‖a_k‖‖w_k‖
 * @param maxResidual  max_p ‖h(y_p) − x_p‖_∞ over the training samples, for the returned network
 * @param adamSteps    Adam steps taken
 * @param seconds      wall time of the training loop (not part of the deterministic output)
 * @param metTolerance whether maxResidual fell below the settings' tolerance
 * @param multipliers  the augmented Lagrangian's multipliers λ_p at the end, sample-major (λ of sample p,
 *                     coordinate i at p·d + i; samples ordered point by point, M copies each); empty for
 *                     weight decay. {@link MinNormTrainer#trainWarm} starts the neighbouring level from them.
 * @param penalty      the penalty μ at the end (weight decay: the starting μ, unused)
 */
public record TrainResult(ReluNetwork network, double cost, double maxResidual, long adamSteps, double seconds,
                          boolean metTolerance, double[] multipliers, double penalty) {
    /** Adam steps per second of wall time. */
    public double stepsPerSecond() {
        return adamSteps / seconds;
    }
}
