/**
 * The paper's experiments as pure computations (docs/science.md §7): e.g. the fixed-point
 * stability of virtual points under a denoiser. The commands that run them and write their tables
 * live in the jobs module.
 */
package org.memsweep.engine.experiment;
