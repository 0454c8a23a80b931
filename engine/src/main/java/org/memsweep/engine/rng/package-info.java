/**
 * Deterministic randomness: a fully specified generator and the derivation of every seed from
 * (master seed, cell, seed index), so that results never depend on partitioning, order or time
 * (docs/science.md §4.1: the starts; §2: the data sets).
 */
package org.memsweep.engine.rng;
