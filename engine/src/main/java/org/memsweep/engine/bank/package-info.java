/**
 * The denoiser bank's engine side (docs/science.md §3.4): the stable key of a trained network and
 * the codec between a {@link org.memsweep.engine.denoiser.ReluNetwork} and the flat arrays a bank row stores.
 */
package org.memsweep.engine.bank;
