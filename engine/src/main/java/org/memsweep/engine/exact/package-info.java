/**
 * Exact category probabilities for orthogonal, axis-aligned data with the closed-form denoiser
 * under a Gaussian start (docs/science.md §5), against which the simulated fractions are checked.
 */
package org.memsweep.engine.exact;
