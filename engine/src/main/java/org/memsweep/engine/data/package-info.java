/**
 * The training sets of docs/science.md §2 (orthogonal, obtuse simplex, equilateral simplex,
 * gaussian; fixed or uniform edge norms; optional Haar-random rotation), generated
 * deterministically from a seed, with the subspace and sparse coordinates the denoisers use.
 */
package org.memsweep.engine.data;
