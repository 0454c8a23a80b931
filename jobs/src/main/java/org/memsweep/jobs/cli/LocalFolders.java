package org.memsweep.jobs.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Deleting local folders that memsweep made for itself (a bench's sweep, the catalog's warehouse), never a user's. */
final class LocalFolders {
    private LocalFolders() {}

    /** Deletes {@code dir} and everything in it, deepest first. */
    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    /** {@link #deleteTree} when the JVM exits, as far as it can then: a folder never made, or that cannot be deleted, is left. */
    static void deleteOnExit(Path dir) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                deleteTree(dir);
            } catch (IOException | UncheckedIOException e) {
                // never created, already gone, or not ours to finish now
            }
        }, "delete " + dir));
    }
}
