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
        assertTrue(o.err().contains("default, paper-fig3, paper-fig3-trained, scale"), o.err());
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

    @Test
    void anUnknownCommandNamesTheCommands() {
        Outcome o = exec("presets");
        assertEquals(Main.BAD_INPUT, o.code());
        assertEquals(1, o.err().lines().count(), o.err());
        assertTrue(o.err().startsWith("memsweep: Unmatched argument at index 0: 'presets'; the commands are sweep, sql,"), o.err());
        assertTrue(o.err().strip().endsWith("(see 'memsweep --help')"), o.err());
        // a subcommand's own name once, and no list of commands
        o = exec("sweep", "--bogus");
        assertTrue(o.err().startsWith("memsweep sweep: Unknown option: '--bogus' (see 'memsweep sweep --help')"), o.err());
    }

    static Stream<Arguments> badOptions() {
        return Stream.of(
                Arguments.of(new String[] {"--master", "bogus://x"}, "master = bogus://x is not allowed: one of local"),
                Arguments.of(new String[] {"--master", "local[0]"}, "master = local[0] is not allowed"),
                Arguments.of(new String[] {"--out", ""}, "out = \"\" is not allowed: a path (it is empty)"),
                Arguments.of(new String[] {"--out", "s3a://bucket/x"}, "out = s3a://bucket/x is not allowed: a path on a file system"),
                Arguments.of(new String[] {"--set", "seeds=1000000000000"}, "seeds = 1000000000000 is not allowed"),
                Arguments.of(new String[] {"--set", "n=[2,3,4,5,6,7,8,9,10,11]", "--set", "sigma-max=[" + "0.1,".repeat(1) + "0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9,1.0]",
                        "--set", "steps=[10,11,12,13,14,15,16,17,18,19]", "--set", "seed=[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21]"},
                        "grid = 42000 cells is not allowed"),
                Arguments.of(new String[] {"--set", "seeds=2000000", "--block-size", "1"}, "block-size = 1 is not allowed: at least"));
    }

    @ParameterizedTest
    @MethodSource("badOptions")
    void badOptionBeforeSparkStarts(String[] extra, String message) {
        Path out = tmp.resolve("out");
        boolean ownOut = java.util.Arrays.asList(extra).contains("--out");
        String[] args = Stream.concat(Stream.of("sweep", "--quiet", "--set", "d=6", "--set", "n=3"),
                Stream.concat(ownOut ? Stream.empty() : Stream.of("--out", out.toString()), Stream.of(extra))).toArray(String[]::new);
        long t0 = System.nanoTime();
        Outcome o = exec(args);
        assertEquals(Main.BAD_INPUT, o.code(), o.err());
        assertEquals(1, o.err().strip().lines().count(), o.err());
        assertTrue(o.err().startsWith("memsweep sweep: " + message), o.err());
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "checked before Spark starts");
        assertFalse(Files.exists(out), "nothing may be written under --out");
    }

    @Test
    void outThatIsAFileOrUnderAFile() throws IOException {
        Path f = tmp.resolve("thesis.txt");
        Files.writeString(f, "years of work");
        for (String out : new String[] {f.toString(), f.resolve("sub").toString()}) {
            for (String overwrite : new String[] {"--quiet", "--overwrite"}) {
                Outcome o = exec("sweep", "--set", "d=6", "--set", "n=3", "--out", out, overwrite);
                assertEquals(Main.BAD_INPUT, o.code(), o.err());
                assertEquals(1, o.err().strip().lines().count(), o.err());
                assertTrue(o.err().startsWith("memsweep sweep: out = " + out + " is not allowed: "), o.err());
            }
        }
        assertEquals("years of work", Files.readString(f));
    }

    @Test
    void overwriteRefusesAFolderOfSomeoneElsesFiles() throws IOException {
        Path d = tmp.resolve("mine");
        Files.createDirectories(d.resolve("sub"));
        Files.writeString(d.resolve("thesis.txt"), "years of work");
        Outcome o = exec("sweep", "--set", "d=6", "--set", "n=3", "--out", d.toString(), "--overwrite", "--quiet");
        assertEquals(Main.BAD_INPUT, o.code(), o.err());
        assertEquals(1, o.err().strip().lines().count(), o.err());
        assertTrue(o.err().contains("memsweep did not write") && o.err().contains("choose another --out"), o.err());
        assertEquals("years of work", Files.readString(d.resolve("thesis.txt")));
        assertTrue(Files.isDirectory(d.resolve("sub")));
        try (Stream<Path> s = Files.list(d)) {
            assertEquals(2, s.count(), "nothing touched");
        }
    }

    @Test
    void anUnexpectedErrorIsOneLineWithItsDetailsInAFile() throws Exception {
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        CommandLine sweep = cl.getSubcommands().get("sweep");
        sweep.setErr(new PrintWriter(err, true));
        int code = cl.getExecutionExceptionHandler().handleExecutionException(
                new IllegalStateException("boom\nsecond line", new RuntimeException("cause")), sweep, null);
        assertEquals(1, code);
        String line = err.toString();
        assertEquals(1, line.strip().lines().count(), line);
        assertTrue(line.startsWith("memsweep sweep: unexpected error: boom; details in "), line);
        assertTrue(line.strip().endsWith("; please report it"), line);
        Path details = Path.of(line.substring(line.indexOf("details in ") + 11, line.indexOf("; please")));
        assertTrue(Files.readString(details).contains("Caused by: java.lang.RuntimeException: cause"));
        Files.delete(details);
    }

    @Test
    void anEmptySpecFileAndADuplicateKey() throws IOException {
        Path out = tmp.resolve("out");
        Path empty = tmp.resolve("empty.yaml");
        Files.writeString(empty, "# nothing yet\n");
        Outcome o = exec("sweep", "--spec", empty.toString(), "--out", out.toString());
        assertEquals(Main.BAD_INPUT, o.code(), o.err());
        assertTrue(o.err().startsWith("memsweep sweep: spec = " + empty + " is not allowed: a spec with at least one key"), o.err());
        Path dup = tmp.resolve("dup.json");
        Files.writeString(dup, "{\"d\": 6, \"n\": 2, \"n\": 3}");
        o = exec("sweep", "--spec", dup.toString(), "--out", out.toString());
        assertEquals(Main.BAD_INPUT, o.code(), o.err());
        assertTrue(o.err().contains("the key 'n' appears twice"), o.err());
        assertFalse(Files.exists(out));
    }
}
