/**
 * The memsweep engine: everything that computes a result, in pure Java (EJML, no Spark, no I/O),
 * following docs/science.md. Subpackages: {@code data} (§2, training sets), {@code denoiser}
 * (§3), {@code train} (§3.4), {@code flow} (§4), {@code exact} (§5), {@code classify} (§6),
 * {@code cell} (one grid point: its parameters and trajectories, §4.1), {@code rng} and
 * {@code stat} (seeds, random numbers and the normal distribution they rest on). This package
 * holds what they share: the one exception for a bad parameter, the {@link org.memsweep.engine.Choice}
 * interface of every choice parameter, and small vector helpers.
 */
package org.memsweep.engine;
