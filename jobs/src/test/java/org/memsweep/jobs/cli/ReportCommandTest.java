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
    }
}
