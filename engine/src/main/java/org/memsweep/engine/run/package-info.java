/**
 * Running a cell's trajectories (docs/science.md §4.1 starts, §4 flows, §6 classification) in
 * batches: starts sampled without allocation, one batched denoiser evaluation per level, each
 * trajectory's arithmetic independent of the batch, so results do not depend on batch size.
 */
package org.memsweep.engine.run;
