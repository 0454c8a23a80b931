package org.memsweep.jobs.sweep;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memsweep.engine.InvalidParameterException;

class OutputRootTest {
    @TempDir
    Path tmp;

    static FileSystem fs() throws IOException {
        return FileSystem.getLocal(new Configuration());
    }

    static org.apache.hadoop.fs.Path hp(Path p) {
        return new org.apache.hadoop.fs.Path(p.toUri());
    }

    /** A folder of someone's own files, as in the issue: thesis.txt and sub/. */
    Path foreignFolder() throws IOException {
        Path d = tmp.resolve("mine");
        Files.createDirectories(d.resolve("sub"));
        Files.writeString(d.resolve("thesis.txt"), "years of work");
        Files.writeString(d.resolve("sub").resolve("notes.txt"), "more");
        return d;
    }

    @Test
    void aPlainFileIsRefusedEvenWithOverwrite() throws IOException {
        Path f = tmp.resolve("thesis.txt");
        Files.writeString(f, "years of work");
        for (boolean overwrite : new boolean[] {false, true}) {
            InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> OutputRoot.check(fs(), hp(f), overwrite));
            assertTrue(e.getMessage().contains("existing file"), e.getMessage());
        }
        assertEquals("years of work", Files.readString(f));
    }

    @Test
    void aFolderOfSomeoneElsesFilesIsRefusedEvenWithOverwrite() throws IOException {
        Path d = foreignFolder();
        for (boolean overwrite : new boolean[] {false, true}) {
            InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> OutputRoot.check(fs(), hp(d), overwrite));
            assertTrue(e.getMessage().contains("choose another --out"), e.getMessage());
            assertTrue(e.getMessage().contains("sub") || e.getMessage().contains("thesis.txt"), e.getMessage());
        }
        assertEquals("years of work", Files.readString(d.resolve("thesis.txt")));
        assertTrue(Files.exists(d.resolve("sub").resolve("notes.txt")));
    }

    @Test
    void newAndEmptyFoldersAreFine() throws IOException {
        assertEquals(OutputRoot.State.ABSENT, OutputRoot.check(fs(), hp(tmp.resolve("new")), false));
        Files.createDirectories(tmp.resolve("empty"));
        assertEquals(OutputRoot.State.EMPTY, OutputRoot.check(fs(), hp(tmp.resolve("empty")), false));
        // only a lock: a run that stopped before it wrote its marker
        Files.createDirectories(tmp.resolve("locked"));
        Files.writeString(tmp.resolve("locked").resolve(RootLock.LOCK), "{}");
        assertEquals(OutputRoot.State.EMPTY, OutputRoot.check(fs(), hp(tmp.resolve("locked")), false));
    }

    @Test
    void prepareWritesTheMarkerWithTheFormat() throws IOException {
        Path d = tmp.resolve("fresh");
        OutputRoot.prepare(fs(), hp(d), OutputRoot.State.ABSENT, false);
        assertEquals(OutputRoot.FORMAT, OutputRoot.readFormat(fs(), hp(d.resolve(OutputRoot.MARKER))));
        assertTrue(Files.readString(d.resolve(OutputRoot.MARKER)).contains("\"created_by\": \"memsweep "));
        assertEquals(List.of(OutputRoot.MARKER), list(d), "no .crc beside the marker");
        assertEquals(OutputRoot.State.MARKED, OutputRoot.check(fs(), hp(d), false));
    }

    @Test
    void overwriteDeletesOnlyWhatMemsweepWrote() throws IOException {
        Path d = tmp.resolve("root");
        OutputRoot.prepare(fs(), hp(d), OutputRoot.State.ABSENT, false);
        for (String t : List.of("trajectories", "cells", "runs", "_cells_old")) Files.createDirectories(d.resolve(t).resolve("x"));
        Files.writeString(d.resolve("thesis.txt"), "mine");
        Files.createDirectories(d.resolve("sub"));
        assertEquals(OutputRoot.State.MARKED, OutputRoot.check(fs(), hp(d), true));
        List<String> kept = OutputRoot.prepare(fs(), hp(d), OutputRoot.State.MARKED, true);
        assertEquals(List.of("sub", "thesis.txt"), kept.stream().sorted().toList());
        assertEquals(List.of(OutputRoot.MARKER, "sub", "thesis.txt"), list(d));
        assertEquals("mine", Files.readString(d.resolve("thesis.txt")));
    }

    @Test
    void overwriteKeepsTheDenoiserBankWithoutCallingItForeign() throws IOException {
        Path d = tmp.resolve("root");
        OutputRoot.prepare(fs(), hp(d), OutputRoot.State.ABSENT, false);
        Files.createDirectories(d.resolve("cells").resolve("x"));
        Files.createDirectories(d.resolve("bank").resolve("x"));
        List<String> kept = OutputRoot.prepare(fs(), hp(d), OutputRoot.State.MARKED, true);
        assertEquals(List.of(), kept, "the bank is memsweep's own");
        assertEquals(List.of(OutputRoot.MARKER, "bank"), list(d));
    }

    @Test
    void aRootOfTheVersionBeforeTheMarkerIsOverwrittenButNotResumed() throws IOException {
        Path d = tmp.resolve("legacy");
        for (String t : List.of("trajectories", "cells", "runs")) Files.createDirectories(d.resolve(t));
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> OutputRoot.check(fs(), hp(d), false));
        assertTrue(e.getMessage().contains("format 1") && e.getMessage().contains("--overwrite"), e.getMessage());
        assertEquals(OutputRoot.State.LEGACY, OutputRoot.check(fs(), hp(d), true));
        OutputRoot.prepare(fs(), hp(d), OutputRoot.State.LEGACY, true);
        assertEquals(List.of(OutputRoot.MARKER), list(d));
    }

    @Test
    void aRootOfAnotherFormatIsNotResumed() throws IOException {
        Path d = tmp.resolve("other");
        Files.createDirectories(d.resolve("cells"));
        Files.writeString(d.resolve(OutputRoot.MARKER), "{\"format\": " + (OutputRoot.FORMAT + 1) + "}");
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> OutputRoot.check(fs(), hp(d), false));
        assertTrue(e.getMessage().contains("a later memsweep"), e.getMessage());
        assertEquals(OutputRoot.State.MARKED, OutputRoot.check(fs(), hp(d), true));
        Files.writeString(d.resolve(OutputRoot.MARKER), "{\"form");
        e = assertThrows(InvalidParameterException.class, () -> OutputRoot.check(fs(), hp(d), false));
        assertTrue(e.getMessage().contains("damaged"), e.getMessage());
    }

    static List<String> list(Path d) throws IOException {
        try (var s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
