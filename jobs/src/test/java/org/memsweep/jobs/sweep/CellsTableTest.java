package org.memsweep.jobs.sweep;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The swap protocol of cells/ on the local file system (the Spark write is covered by SweepJobTest). */
class CellsTableTest {
    @TempDir
    java.nio.file.Path tmp;
    FileSystem fs;
    Path cells, staging, old;

    @BeforeEach
    void setUp() throws IOException {
        fs = FileSystem.getLocal(new Configuration());
        Path root = new Path(tmp.toUri());
        cells = new Path(root, "cells");
        staging = new Path(root, CellsTable.STAGING);
        old = new Path(root, CellsTable.OLD);
    }

    /** A table version: a folder holding one file naming it, plus _SUCCESS when {@code whole}. */
    private void version(Path dir, String name, boolean whole) throws IOException {
        java.nio.file.Path d = java.nio.file.Path.of(dir.toUri());
        Files.createDirectories(d);
        Files.writeString(d.resolve("part-0"), name);
        if (whole) Files.writeString(d.resolve("_SUCCESS"), "");
    }

    private String version(Path dir) throws IOException {
        return Files.readString(java.nio.file.Path.of(dir.toUri()).resolve("part-0"));
    }

    /** Recovers, then expects cells/ to hold {@code expected} and no staging or old folder left. */
    private void assertRecovered(String expected) throws IOException {
        CellsTable.recover(fs, cells, staging, old);
        assertEquals(expected, version(cells));
        assertFalse(fs.exists(staging));
        assertFalse(fs.exists(old));
    }

    @Test
    void swapInReplacesTheTableAndLeavesNothingBehind() throws IOException {
        version(cells, "v1", true);
        version(staging, "v2", true);
        CellsTable.swapIn(fs, cells, staging, old);
        assertEquals("v2", version(cells));
        assertFalse(fs.exists(staging));
        assertFalse(fs.exists(old));
    }

    @Test
    void swapInWritesTheFirstTable() throws IOException {
        version(staging, "v1", true);
        CellsTable.swapIn(fs, cells, staging, old);
        assertEquals("v1", version(cells));
    }

    @Test
    void aCrashBetweenTheRenamesRecoversTheWholeStagedTable() throws IOException {
        version(old, "v1", true);
        version(staging, "v2", true);
        assertRecovered("v2");
    }

    @Test
    void aCrashWhileStagingRecoversTheOldTable() throws IOException {
        version(old, "v1", true);
        version(staging, "v2", false); // the staged write had not finished
        assertRecovered("v1");
    }

    @Test
    void anUnfinishedStagingBesideTheTableIsDropped() throws IOException {
        version(cells, "v1", true);
        version(staging, "v2", false);
        assertRecovered("v1");
    }

    @Test
    void noTableAtAllStaysNone() throws IOException {
        CellsTable.recover(fs, cells, staging, old);
        assertFalse(fs.exists(cells));
    }
}
