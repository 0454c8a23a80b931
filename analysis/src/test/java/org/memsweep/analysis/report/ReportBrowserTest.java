package org.memsweep.analysis.report;

import org.memsweep.analysis.table.TableFixture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Opens the report in a real headless browser (Debian's chromium): it must load from a file URL
 * with no network, render every chart, and log no console error.
 */
class ReportBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final long TIMEOUT_SECONDS = 120;

    static Path index;
    static String fileUrl;

    @BeforeAll
    static void report() throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            fail("chromium not found at " + CHROMIUM + ": run the tests with ./verify, which installs Debian's chromium when it may, "
                    + "or install it yourself (apt-get update && apt-get install -y chromium); this test needs a real browser");
        }
        index = TableFixture.standardReport();
        fileUrl = index.toUri().toString();
    }

    /** Output of one chromium run. */
    record Run(int exitCode, String stdout, String stderr) {}

    private static Run chromium(String... mode) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("chromium-profile");
        Path out = Files.createTempFile("chromium", ".out");
        Path err = Files.createTempFile("chromium", ".err");
        try {
            List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                    "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
                    "--enable-logging=stderr", "--v=0"));
            cmd.addAll(List.of(mode));
            cmd.add(fileUrl);
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                fail("chromium did not finish within " + TIMEOUT_SECONDS + " s: " + cmd);
            }
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            TableFixture.deleteRecursively(profile);
        }
    }

    /**
     * Page errors as chromium logs them with --enable-logging=stderr: uncaught exceptions and
     * console messages. Its many dbus/GPU/sandbox complaints about the container are not page errors.
     */
    private static List<String> consoleErrors(String stderr) {
        return stderr.lines().filter(l -> l.contains("Uncaught") || l.contains(":CONSOLE")
                || l.contains("ERR_FILE_NOT_FOUND") || l.contains("Not allowed to load local resource")).toList();
    }

    @Test
    void screenshotRenders() throws Exception {
        Path shot = Path.of("target", "report-screenshot.png").toAbsolutePath();
        Files.deleteIfExists(shot);
        Run run = chromium("--screenshot=" + shot, "--window-size=1280,2000");
        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(Files.size(shot) > 0, "screenshot written");
        BufferedImage img = ImageIO.read(shot.toFile());
        assertNotNull(img, "screenshot is a PNG");
        assertEquals(1280, img.getWidth());
        assertEquals(2000, img.getHeight());
        // Not a blank page: the red bug-signal box (border #b00020) is painted near the top.
        int red = 0;
        for (int y = 0; y < 600; y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xffffff) == 0xb00020) {
                    red++;
                }
            }
        }
        assertTrue(red > 100, "bug-signal box visible");
        assertEquals(List.of(), consoleErrors(run.stderr()));
    }

    @Test
    void domHasEveryImageAndTheVerdictRows() throws Exception {
        Run run = chromium("--dump-dom");
        assertEquals(0, run.exitCode(), run.stderr());
        String dom = run.stdout();
        assertTrue(dom.contains("<table class=\"verdict\">"), "verdict table in the DOM");
        assertEquals(ReportWriterTest.EXPECTED_VERDICT_ROWS, ReportWriterTest.count(dom, "<tr class=\"verdict-row "));
        List<String> images = ReportWriterTest.images(dom);
        assertEquals(ReportWriterTest.EXPECTED_IMAGES, images.size());
        assertEquals(ReportWriterTest.images(Files.readString(index)), images, "the browser kept every image intact");
        assertEquals(List.of(), consoleErrors(run.stderr()));
    }
}
