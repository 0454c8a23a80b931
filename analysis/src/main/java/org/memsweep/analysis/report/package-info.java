/**
 * The HTML report of an output root (docs/science.md §7 with the categories of §6 and the exact
 * predictions of §5): {@link org.memsweep.analysis.report.ReportData} reads the tables with Spark
 * into plain records, {@link org.memsweep.analysis.report.ReportHtml} renders them as one
 * self-contained page, {@link org.memsweep.analysis.report.ReportCharts} draws the charts, and
 * {@link org.memsweep.analysis.report.ReportWriter}, the only public class, writes the page where
 * it may go.
 */
package org.memsweep.analysis.report;
