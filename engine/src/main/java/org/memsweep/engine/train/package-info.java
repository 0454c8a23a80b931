/**
 * Training of the min-norm shallow ReLU denoiser for one noise level (docs/science.md §3.4):
 * noisy copies of the training points, augmented-Lagrangian or weight-decay fitting, and its
 * settings.
 */
package org.memsweep.engine.train;
