package org.memsweep.jobs.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFoldersTest {
    @TempDir
    Path tmp;

    @Test
    void deleteTreeRemovesAFolderWithEverythingInItAndNothingBeside() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("made/a/b"));
        Files.writeString(dir.resolve("f"), "x");
        Files.writeString(tmp.resolve("made/g"), "y");
        Path beside = Files.writeString(tmp.resolve("beside"), "z");
        LocalFolders.deleteTree(tmp.resolve("made"));
        assertFalse(Files.exists(tmp.resolve("made")));
        assertTrue(Files.exists(beside));
    }

    @Test
    void deleteTreeOfAMissingFolderSaysSo() {
        assertThrows(java.nio.file.NoSuchFileException.class, () -> LocalFolders.deleteTree(tmp.resolve("never")));
    }
}
