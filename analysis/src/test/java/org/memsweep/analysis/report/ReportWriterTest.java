package org.memsweep.analysis.report;

import org.memsweep.analysis.table.Columns;
import org.memsweep.analysis.table.SqlQuery;
import org.memsweep.analysis.table.TableFixture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
    /** Memorized (1 chart for 3 series) + stacked (3) + virtual orders + nn_ratio + linf_nearest. */
    static final int EXPECTED_IMAGES = 7;
    /** Series d=16 and d=32; d=64 has a single N. */
    static final int EXPECTED_VERDICT_ROWS = 2;

    private static final Pattern IMG = Pattern.compile("<img [^>]*src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"");

    static SparkSession spark;
    static Path index;
    static String html;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void report() throws Exception {
        spark = TableFixture.spark();
        index = TableFixture.standardReport();
        html = Files.readString(index, StandardCharsets.UTF_8);
    }

    static List<String> images(String page) {
        List<String> out = new ArrayList<>();
        Matcher m = IMG.matcher(page);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    static int count(String page, String needle) {
        int n = 0;
        for (int i = page.indexOf(needle); i >= 0; i = page.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void writesIndexHtmlInTheTargetFolder() {
        assertEquals(ReportWriter.INDEX, index.getFileName().toString());
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("<title>memsweep report</title>"));
    }

    @Test
    void everyImageIsAnEmbeddedPngThatDecodes() throws Exception {
        List<String> images = images(html);
        assertEquals(EXPECTED_IMAGES, images.size());
        assertEquals(EXPECTED_IMAGES, count(html, "<img "), "no image without a data URI");
        for (String b64 : images) {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(b64)));
            assertNotNull(img);
            assertTrue(img.getWidth() > 100 && img.getHeight() > 100);
        }
    }

    @Test
    void oneVerdictRowPerSeriesWithItsCall() {
        assertEquals(EXPECTED_VERDICT_ROWS, count(html, "<tr class=\"verdict-row "));
        assertTrue(html.contains("<tr class=\"verdict-row supported\"><td>d=16</td><td>4-16</td><td>120</td>"
                + "<td>0.750</td><td>0.200</td><td>-4.92</td>"), html);
        assertTrue(html.contains("<tr class=\"verdict-row inconclusive\"><td>d=32</td>"));
        assertTrue(html.contains("1 series with a single N not tested."));
    }

    @Test
    void bugSignalIsAtTheTopInRed() {
        int bug = html.indexOf("<div class=\"bug-signals\">");
        assertTrue(bug > 0);
        assertTrue(bug < html.indexOf("<table class=\"verdict\">"));
        assertTrue(bug < html.indexOf("<img "));
        assertEquals(1, count(html, "<tr class=\"bug-row\">"));
        assertTrue(html.contains("<tr class=\"bug-row\"><td>" + TableFixture.PLANTED_CELL
                + "</td><td>d=32, n=8</td><td>frac_training</td><td>40</td><td>0.2</td><td>0.02</td><td>8.1</td></tr>"));
        assertTrue(html.contains(".bug-signals { border: 2px solid #b00020"));
    }

    @Test
    void runMetadataIsShownAndEscaped() {
        assertTrue(html.contains("<td>" + TableFixture.RUN_ID + "</td><td>SUCCEEDED</td><td>2026-01-02T03:04:05Z</td><td>2026-01-02T03:05:00Z</td>"), html);
        assertTrue(html.contains("<td>local[2]</td>"));
        assertTrue(html.contains("&quot;note&quot;: &quot;a&lt;b &amp; c&quot;"));
        assertFalse(html.contains("a<b"));
    }

    @Test
    void pageIsSelfContained() {
        for (String external : List.of("http://", "https://", "<script", "<link", "url(", "@import", "@font-face")) {
            assertFalse(html.contains(external), external);
        }
        assertEquals(count(html, "src=\""), count(html, "src=\"data:image/png;base64,"));
    }

    @Test
    void cellsAloneAreEnough() throws Exception {
        Path root = tmp.resolve("cells-only");
        spark.createDataFrame(TableFixture.cellRows(List.of(TableFixture.cell(4, 16, 1, 2, 3, 0, 0, 0),
                TableFixture.cell(8, 16, 0, 1, 5, 0, 0, 0))), TableFixture.cellsSchema())
                .coalesce(1).write().parquet(root.resolve(Columns.CELLS).toString());
        String page = Files.readString(ReportWriter.write(spark, root.toString(), tmp.resolve("r")));
        assertTrue(page.contains("No trajectories table under this output root."));
        assertTrue(page.contains("No runs table under this output root."));
        assertTrue(page.contains("No bug signals: this table has no exact predictions to compare with.")
                || page.contains("No bug signals: every compared estimate"));
        assertEquals(1, count(page, "<tr class=\"verdict-row "));
        assertTrue(page.contains("<td>all cells</td>"));
        assertEquals(2, images(page).size()); // memorized + one stacked chart
    }

    @Test
    void noTableAtAllIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReportWriter.write(spark, tmp.resolve("empty").toString(), tmp.resolve("r2")));
        assertTrue(e.getMessage().startsWith("no cells, experiments/virtual_points, experiments/flows or bank table under "), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("r2")), "nothing written");
    }

    @Test
    void thePageIsMarkedAsMemsweeps() {
        assertTrue(html.substring(0, 300).contains(ReportWriter.GENERATOR), "the mark is near the top");
        ReportWriter.checkDestination(index.getParent()); // so its own report may be replaced
    }

    private static void assertRefused(Path to, String because) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReportWriter.checkDestination(to), to.toString());
        assertTrue(e.getMessage().startsWith("to = " + to + " is not allowed: "), e.getMessage());
        assertTrue(e.getMessage().contains(because), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    /** Inside an output root only report/ (and below) takes a report: the rest is tables and bookkeeping. */
    @Test
    void insideAnOutputRootOnlyItsReportFolder() throws Exception {
        Path root = TableFixture.standardRoot();
        for (Path to : List.of(root.resolve(Columns.CELLS), root.resolve(Columns.TRAJECTORIES).resolve("n=4"),
                root.resolve(Columns.RUNS), root.resolve(Columns.BANK), root, root.resolve("plots"))) {
            assertRefused(to, "a folder outside the output root " + root + ", or its report/ subfolder");
        }
        ReportWriter.checkDestination(root.resolve(ReportWriter.REPORT_FOLDER));
        ReportWriter.checkDestination(root.resolve(ReportWriter.REPORT_FOLDER).resolve("v2"));
        // A symbolic link does not hide a table folder.
        Path link = Files.createSymbolicLink(tmp.resolve("link-to-cells"), root.resolve(Columns.CELLS));
        assertRefused(link, "outside the output root");
        assertRefused(link.resolve("sub"), "outside the output root");
        try (var files = Files.list(root.resolve(Columns.CELLS))) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().equals(ReportWriter.INDEX)));
        }
    }

    /** A root of an experiment or of the bank alone is an output root too: its table folders take no report either. */
    @Test
    void aRootOfExperimentsOrABankAloneIsAnOutputRoot() throws Exception {
        for (String table : List.of(SqlQuery.VIRTUAL_POINTS_TABLE, SqlQuery.FLOWS_TABLE, Columns.BANK)) {
            Path root = tmp.resolve("only-" + table.replace('/', '-'));
            Files.createDirectories(root.resolve(table));
            for (Path to : List.of(root, root.resolve(table), root.resolve("plots"))) {
                assertRefused(to, "a folder outside the output root " + root + ", or its report/ subfolder");
            }
            ReportWriter.checkDestination(root.resolve(ReportWriter.REPORT_FOLDER));
        }
        // A folder holding an "experiments" folder with no table in it is no output root.
        Path other = Files.createDirectories(tmp.resolve("notes").resolve("experiments"));
        ReportWriter.checkDestination(other.getParent());
    }

    /** An existing file, a folder under a file, someone else's index.html: refused, nothing touched. */
    @Test
    void placesThatCannotOrMustNotBeWritten() throws Exception {
        Path file = Files.writeString(tmp.resolve("notes.txt"), "mine");
        assertRefused(file, "a folder (" + file + " is an existing file)");
        assertRefused(file.resolve("report"), "a folder that can be created (" + file + " is a file)");

        Path foreign = Files.createDirectories(tmp.resolve("site"));
        String theirs = "<!DOCTYPE html><html><head><title>my site</title></head><body>memsweep report</body></html>";
        Files.writeString(foreign.resolve(ReportWriter.INDEX), theirs);
        assertRefused(foreign, "a folder without an index.html that memsweep did not write");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReportWriter.write(spark, TableFixture.standardRoot().toString(), foreign));
        assertTrue(e.getMessage().startsWith("to = " + foreign), e.getMessage());
        assertEquals(theirs, Files.readString(foreign.resolve(ReportWriter.INDEX)));

        Path dirNamedIndex = Files.createDirectories(tmp.resolve("odd").resolve(ReportWriter.INDEX));
        assertRefused(dirNamedIndex.getParent(), "is not a memsweep report");

        // Other files beside index.html are not the report's business: they stay and do not block it.
        Path shared = Files.createDirectories(tmp.resolve("shared"));
        Files.writeString(shared.resolve("README.txt"), "x");
        ReportWriter.checkDestination(shared);
        ReportWriter.checkDestination(tmp.resolve("new").resolve("deeper"));
        assertFalse(Files.exists(tmp.resolve("new")), "checking creates nothing");
    }

    /** The standard fixture's d=16 cells at n=8 and n=16 have 1 and 2 non-converged trajectories. */
    @Test
    void nonConvergedTrajectoriesAreListedPerCell() {
        assertTrue(html.contains("<p>3 trajectories in 2 cells did not converge:</p>"), "convergence section");
        assertEquals(2, count(html, "<tr class=\"unconverged-row\">"));
        assertTrue(html.contains("<tr class=\"unconverged-row\"><td>d=16</td><td>16</td><td>40</td><td>2</td>"), html);
    }
}
