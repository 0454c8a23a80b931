package org.memsweep.analysis.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.spark.sql.SparkSession;

import org.memsweep.analysis.table.Columns;
import org.memsweep.analysis.table.SqlQuery;

/**
 * Writes the sweep report: ONE self-contained {@code index.html} that opens offline and can be
 * mailed around, and decides where it may go. {@link ReportData} reads the tables, {@link ReportHtml}
 * renders the page (sections listed there), {@link ReportCharts} draws the charts.
 */
public final class ReportWriter {
    private ReportWriter() {}

    /** File name of the report inside the target folder. */
    public static final String INDEX = "index.html";

    /**
     * Reads the tables under {@code outRoot} and writes {@code toDir/index.html}.
     *
     * @return the path of the written {@code index.html}
     * @throws IllegalArgumentException when {@code outRoot} holds no table to report on (no sweep,
     *         experiment or bank), or {@code toDir} is refused by {@link #checkDestination(Path)}
     */
    public static Path write(SparkSession spark, String outRoot, Path toDir) throws IOException {
        checkDestination(toDir);
        String page = ReportHtml.page(ReportData.read(spark, outRoot));
        Files.createDirectories(toDir);
        Path index = toDir.resolve(INDEX);
        Files.writeString(index, page, StandardCharsets.UTF_8);
        return index;
    }

    /** In the head of every page memsweep writes: an index.html without it is someone else's and is never replaced. */
    static final String GENERATOR = "<meta name=\"generator\" content=\"memsweep report\">";
    /** Name of the one folder inside an output root where a report may go (no table is ever called so). */
    public static final String REPORT_FOLDER = "report";

    /**
     * Checks, without writing anything, that {@code toDir/index.html} may be written: {@code toDir}
     * is not an existing file; inside an output root (any folder holding one of memsweep's tables:
     * {@link #isOutputRoot(Path)}) it is under that root's {@code report/} folder, never in a table folder (Spark would read the page
     * as table data and break {@code verdict}) nor beside the tables; it can be created and written;
     * and any {@code index.html} already there was written by memsweep.
     *
     * @throws org.memsweep.engine.InvalidParameterException naming {@code to}, the path and what is allowed
     */
    public static void checkDestination(Path toDir) {
        Path to = realish(toDir.toAbsolutePath().normalize());
        if (Files.exists(to) && !Files.isDirectory(to)) {
            throw refused(toDir, "a folder (" + to + " is an existing file)");
        }
        for (Path a = to; a != null; a = a.getParent()) {
            if (isOutputRoot(a) && !to.startsWith(a.resolve(REPORT_FOLDER))) {
                throw refused(toDir, "a folder outside the output root " + a + ", or its " + REPORT_FOLDER
                        + "/ subfolder (the rest belongs to memsweep; a report in a table folder would be read as data)");
            }
        }
        Path existing = to;
        while (!Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (!Files.isDirectory(existing)) {
            throw refused(toDir, "a folder that can be created (" + existing + " is a file)");
        }
        if (!Files.isWritable(existing)) {
            throw refused(toDir, "a writable folder (" + existing + " is not writable)");
        }
        Path index = to.resolve(INDEX);
        if (Files.exists(index, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isRegularFile(index, java.nio.file.LinkOption.NOFOLLOW_LINKS) || !isOurs(index)) {
                throw refused(toDir, "a folder without an " + INDEX + " that memsweep did not write (" + index
                        + " is not a memsweep report; move it away or choose another --to)");
            }
            if (!Files.isWritable(index)) {
                throw refused(toDir, "a writable folder (" + index + " is not writable)");
            }
        }
    }

    /**
     * True when {@code dir} holds a folder of one of memsweep's tables (the sweep's, an
     * experiment's, the bank's), the tables a report reads: its other names are tables or
     * bookkeeping, so a root of {@code memsweep experiment} or {@code memsweep bank} alone is one too.
     */
    static boolean isOutputRoot(Path dir) {
        for (String t : Columns.TABLES) if (Files.isDirectory(dir.resolve(t))) return true;
        for (String t : SqlQuery.EXPERIMENT_TABLES) if (Files.isDirectory(dir.resolve(t))) return true;
        return false;
    }

    /** True when the file's head carries {@link #GENERATOR}: a report memsweep wrote. */
    private static boolean isOurs(Path index) {
        try (java.io.InputStream in = Files.newInputStream(index)) {
            return new String(in.readNBytes(1024), StandardCharsets.UTF_8).contains(GENERATOR);
        } catch (IOException e) {
            return false;
        }
    }

    /** The path with symlinks resolved in its longest existing prefix, so a link cannot hide a table folder. */
    private static Path realish(Path p) {
        Path existing = p;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return p;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(p));
        } catch (IOException e) {
            return p;
        }
    }

    private static org.memsweep.engine.InvalidParameterException refused(Path to, String allowed) {
        return new org.memsweep.engine.InvalidParameterException("to", to, allowed);
    }
}
