/**
 * The flows of docs/science.md §4: the probability flow over a Karras schedule (Euler or Heun)
 * and the fixed-σ score flow, integrated in R^d or in the denoisers' shared subspace.
 */
package org.memsweep.engine.flow;
