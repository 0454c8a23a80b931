/**
 * Classification of flow endpoints into the categories of docs/science.md §6 (APEX, TRAINING,
 * VIRTUAL, MANIFOLD, OTHER, DIVERGED) with L∞ tolerance τ, plus the universal nearest-point metrics,
 * in the ambient or the data set's construction frame.
 */
package org.memsweep.engine.classify;
