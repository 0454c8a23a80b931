package org.memsweep.jobs.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
    @TempDir
    Path tmp;

    @Test
    void writesASelfContainedPage() throws Exception {
        Path to = tmp;
        RealSweep.Result r = RealSweep.run("report", "--out", RealSweep.out().toString(), "--to", to.toString());
        assertEquals(0, r.code(), r.err());
        Path index = to.resolve("index.html");
        assertTrue(r.out().contains(index.toAbsolutePath().toString()), r.out());
        String html = Files.readString(index);
        assertTrue(html.contains("data:image/png;base64,"), "plots are embedded");
        assertFalse(html.contains("src=\"http"), "nothing is loaded from the network");
        assertTrue(html.contains("supported"), "the verdict is on the page");

        // Its own report is replaced on a second run.
        Files.writeString(index, html.replace("<title>", "<title>old "));
        r = RealSweep.run("report", "--out", RealSweep.out().toString(), "--to", to.toString());
        assertEquals(0, r.code(), r.err());
        assertFalse(Files.readString(index).contains("<title>old "));
    }

    private static void assertRefused(Path to, String because) throws Exception {
        RealSweep.Result r = RealSweep.run("report", "--out", RealSweep.out().toString(), "--to", to.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("memsweep report: to = " + to + " is not allowed: "), r.err());
        assertTrue(r.err().contains(because), r.err());
        assertEquals("", r.out());
    }

    /** A table folder, the root itself, a file, a place under a file, someone else's page: exit 2, nothing written. */
    @Test
    void refusedDestinationsWriteNothing() throws Exception {
        Path out = RealSweep.out().toAbsolutePath();
        for (Path to : new Path[] {out.resolve("cells"), out.resolve("trajectories"), out.resolve("runs"), out}) {
            assertRefused(to, "outside the output root");
            assertFalse(Files.exists(to.resolve("index.html")), to.toString());
        }
        RealSweep.Result v = RealSweep.run("verdict", "--out", out.toString());
        assertEquals(0, v.code(), v.err());

        Path dir = tmp;
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertRefused(file, "is an existing file");
        assertRefused(file.resolve("sub"), "a folder that can be created");
        Path foreign = Files.createDirectories(dir.resolve("site"));
        Files.writeString(foreign.resolve("index.html"), "<html>theirs</html>");
        assertRefused(foreign, "that memsweep did not write");
        assertEquals("<html>theirs</html>", Files.readString(foreign.resolve("index.html")));
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "nothing new beside file and site/");
        }
    }

    private static String report(Path out, Path to) throws Exception {
        RealSweep.Result r = RealSweep.run("report", "--out", out.toString(), "--to", to.toString(), "--master", "local[1]");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        String html = Files.readString(to.resolve("index.html"));
        assertTrue(html.contains("No sweep in this output root (no <code>cells</code> table)"), "one sentence instead of the sweep's sections");
        assertTrue(html.contains("<code>memsweep sweep --out " + out + "</code>"), "and how to add one");
        assertFalse(html.contains("<h2>Verdict"), "no sweep, no verdict");
        return html;
    }

    /** A refusal of this root or destination: exit 2, one line, nothing printed on stdout. */
    private static void assertRefused(Path out, Path to, String because) {
        RealSweep.Result r = RealSweep.run("report", "--out", out.toString(), "--to", to.toString(), "--master", "local[1]");
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("memsweep report: ") && r.err().contains(because), r.err());
        assertEquals("", r.out());
        assertFalse(Files.exists(to.resolve("index.html")), "nothing written in " + to);
    }

    /** A root of memsweep experiment alone: its report, the same --to rules, a damaged table named. */
    @Test
    void aRootWithOnlyAnExperimentTable() throws Exception {
        Path out = tmp.resolve("results");
        RealSweep.Result vp = RealSweep.run("experiment", "virtual-points", "--out", out.toString(), "--train", RealSweep.TINY_TRAINING,
                "--max-iterations", "5", "--master", "local[1]");
        assertEquals(0, vp.code(), vp.err() + vp.out());
        String html = report(out, out.resolve("report"));
        assertTrue(html.contains("<h2>Experiment: are virtual points stable?</h2>"));
        assertEquals(6, html.split("<tr class=\"vp-row\">", -1).length - 1, "one row per (denoiser, k)");

        Path table = out.resolve("experiments").resolve("virtual_points");
        for (Path to : new Path[] {out, table, out.resolve("experiments"), out.resolve("plots")}) {
            assertRefused(out, to, "to = " + to + " is not allowed: a folder outside the output root " + out + ", or its report/ subfolder");
        }
        Path part;
        try (var files = Files.list(table)) {
            part = files.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        byte[] b = Files.readAllBytes(part);
        Files.write(part, java.util.Arrays.copyOf(b, b.length - 50));
        Path elsewhere = Files.createDirectory(tmp.resolve("elsewhere"));
        assertRefused(out, elsewhere, part.getFileName() + " is damaged");
    }

    /** A root of memsweep bank alone. */
    @Test
    void aRootWithOnlyABank() throws Exception {
        Path dir = tmp;
        Path spec = Files.writeString(dir.resolve("bank.yaml"), """
                name: bank-for-report
                dataset: orthogonal
                d: 4
                n: 2
                flow: probability
                sigma-max: 2
                sigma-min: 0.01
                steps: 4
                sigma-switch: 0.05
                high-noise: trained
                """);
        Path out = dir.resolve("results");
        RealSweep.Result bank = RealSweep.run("bank", "--spec", spec.toString(), "--out", out.toString(), "--master", "local[1]",
                "--train", RealSweep.TINY_TRAINING);
        assertEquals(0, bank.code(), bank.err() + bank.out());
        String html = report(out, out.resolve("report"));
        assertTrue(html.contains("<h2>Denoiser bank</h2>"));
        assertFalse(html.contains("<h2>Experiment:"));
        assertRefused(out, out.resolve("bank"), "outside the output root " + out);
    }

    /** Nothing to show: one line naming every table the report reads and the commands that write them. */
    @Test
    void aRootWithoutAnyTableIsRefused() throws Exception {
        Path out = Files.createDirectory(tmp.resolve("empty"));
        Path to = out.resolveSibling(out.getFileName() + "-report");
        assertRefused(out, to, "out = " + out + " is not allowed: an output root with tables (none of cells/, experiments/virtual_points/, "
                + "experiments/flows/, bank/ there; run 'memsweep sweep', 'memsweep experiment' or 'memsweep bank' with --out " + out + " first)");
        assertFalse(Files.exists(to));
    }
}
