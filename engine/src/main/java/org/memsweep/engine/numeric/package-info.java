/**
 * Elementary functions the engine needs deterministic on every JVM and fast (docs/science.md §3.2:
 * the empirical MMSE's softmax weights): a pure-Java exponential with a documented error against
 * {@code StrictMath.exp}.
 */
package org.memsweep.engine.numeric;
