/**
 * The standard normal distribution to about 1e-15, on which the exact solutions of
 * docs/science.md §5 rest.
 */
package org.memsweep.engine.stat;
