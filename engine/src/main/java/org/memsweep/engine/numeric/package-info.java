/**
 * Elementary functions the engine needs deterministic on every JVM and fast (docs/science.md §3.2:
 * the empirical MMSE's softmax weights; §4.1: the starts' normals): a pure-Java exponential with a
 * documented error against {@code StrictMath.exp}, and a pure-Java logarithm with exactly the bits of
 * {@code StrictMath.log}.
 */
package org.memsweep.engine.numeric;
