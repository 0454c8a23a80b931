/**
 * Statistics on counts of trajectory outcomes (the categories of docs/science.md §6): the 95 %
 * Wilson score interval of a fraction ({@link org.memsweep.analysis.stat.Wilson}) and the one-sided
 * Cochran–Armitage test of a fraction trending over N ({@link org.memsweep.analysis.stat.TrendTest}),
 * which the verdict uses to test §7's "memorization falls as N grows". Pure functions of counts: no
 * Spark, no tables.
 */
package org.memsweep.analysis.stat;
