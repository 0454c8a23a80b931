package org.memsweep.jobs.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SoftwareFmaTest {
    private static String warned(boolean hardware) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        boolean did = SoftwareFma.warn("memsweep sweep", hardware, new PrintStream(b, true, StandardCharsets.UTF_8));
        String text = b.toString(StandardCharsets.UTF_8);
        assertEquals(did, !text.isEmpty());
        return text;
    }

    @Test
    void oneLineNamingTheCommandWithoutHardwareFma() {
        String text = warned(false);
        assertEquals(1, text.lines().count());
        assertTrue(text.startsWith("memsweep sweep: warning: this JVM has no hardware fused multiply-add"), text);
        assertTrue(text.contains("the same results"), text);
    }

    @Test
    void silentWithIt() {
        assertEquals("", warned(true));
    }

    @Test
    void warnsOnThisJvmExactlyWhenItLacksHardwareFma() {
        boolean hardware = org.memsweep.engine.denoiser.ReluNetwork.hardwareFma();
        assertEquals(!hardware, SoftwareFma.warn("memsweep sweep", new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
    }
}
