package org.memsweep.jobs;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** Bad input through the command line: exit code 2, one line on stderr naming the field, nothing under --out. */
class MainTest {
    @TempDir
    Path tmp;

    static Stream<Arguments> bad() {
        return Stream.of(
                Arguments.of("n: []\n", new String[0], "n"),
                Arguments.of("n: abc\n", new String[0], "n"),
                Arguments.of("- n\n- d\n", new String[0], "spec"),
                Arguments.of("n: [2, 3\nd: {", new String[0], "spec"),
                Arguments.of("bogus: 3\n", new String[0], "bogus"),
                Arguments.of("seeds: 0\n", new String[0], "seeds"),
                Arguments.of("d: 6\nn: [2, 40]\n", new String[0], "n"),
                Arguments.of("d: 6\nn: 3\n", new String[] {"--set", "n=abc"}, "n"),
                Arguments.of("d: 6\nn: 3\n", new String[] {"--set", "n"}, "set"),
                Arguments.of("d: 6\nn: 3\n", new String[] {"--set", "flow=[probability,nope]"}, "flow"),
                Arguments.of("d: 6\nn: 3\n", new String[] {"--block-size", "0"}, "block-size"),
                Arguments.of("d: 6\nn: 3\n", new String[] {"--partitions", "0"}, "partitions"),
                Arguments.of("d: 6\nn: 3\n", new String[] {"--preset", "default"}, "preset"));
    }

    record Outcome(int code, String err, String out) {}

    static Outcome exec(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter(), out = new StringWriter();
        cl.setErr(new PrintWriter(err));
        cl.setOut(new PrintWriter(out));
        int code = cl.execute(args);
        return new Outcome(code, err.toString(), out.toString());
    }

    @ParameterizedTest
    @MethodSource("bad")
    void badSpecOrOption(String yaml, String[] extra, String field) throws IOException {
        Path spec = tmp.resolve("spec.yaml");
        Files.writeString(spec, yaml);
        Path out = tmp.resolve("out");
        String[] args = Stream.concat(Stream.of("sweep", "--spec", spec.toString(), "--out", out.toString(), "--quiet"),
                Stream.of(extra)).toArray(String[]::new);
        Outcome o = exec(args);
        assertEquals(Main.BAD_INPUT, o.code(), o.err());
        assertEquals(1, o.err().strip().lines().count(), o.err());
        assertTrue(o.err().startsWith("memsweep sweep: " + field + " "), o.err());
        assertFalse(Files.exists(out), "nothing may be written under --out");
    }

    @Test
    void unknownPreset() {
        Path out = tmp.resolve("out");
        Outcome o = exec("sweep", "--preset", "nope", "--out", out.toString());
        assertEquals(Main.BAD_INPUT, o.code());
        assertEquals(1, o.err().strip().lines().count(), o.err());
        assertTrue(o.err().contains("preset = nope"), o.err());
        assertTrue(o.err().contains("default, paper-fig3, scale"), o.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void missingSpecFile() {
        Path out = tmp.resolve("out");
        Outcome o = exec("sweep", "--spec", tmp.resolve("none.yaml").toString(), "--out", out.toString());
        assertEquals(Main.BAD_INPUT, o.code());
        assertTrue(o.err().startsWith("memsweep sweep: spec = "), o.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void unknownOptionAndBadOptionType() {
        Outcome o = exec("sweep", "--bogus");
        assertEquals(Main.BAD_INPUT, o.code());
        assertTrue(o.err().contains("--bogus"), o.err());
        o = exec("sweep", "--block-size", "x");
        assertEquals(Main.BAD_INPUT, o.code());
        assertTrue(o.err().contains("--block-size"), o.err());
    }
}
