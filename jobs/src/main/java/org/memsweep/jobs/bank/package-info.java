/**
 * The denoiser bank (science.md §3.4): the min-norm networks a spec's cells need, trained as Spark
 * tasks and kept in {@code bank/} under an output root, keyed by
 * {@link org.memsweep.engine.bank.BankKey}. {@link org.memsweep.jobs.bank.BankPlan} (which networks,
 * in which warm-start chains), {@link org.memsweep.jobs.bank.BankTable} (reading and checking what is
 * there), {@code ChainTask} (one chain per task) and {@link org.memsweep.jobs.bank.BankJob} (the run,
 * under the root's marker and lock).
 */
package org.memsweep.jobs.bank;
