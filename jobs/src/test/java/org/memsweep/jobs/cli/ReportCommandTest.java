package org.memsweep.jobs.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ReportCommandTest {
    @Test
    void writesASelfContainedPage() throws Exception {
        Path to = Files.createTempDirectory("memsweep-report");
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

        Path dir = Files.createTempDirectory("memsweep-report-dest");
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
}
