/**
 * The denoisers h_σ of docs/science.md §3: the closed-form min-norm ramp sums (§3.1, §3.3), the
 * empirical MMSE denoiser (§3.2) and the shallow ReLU network that trained denoisers are (§1, §3.4).
 */
package org.memsweep.engine.denoiser;
