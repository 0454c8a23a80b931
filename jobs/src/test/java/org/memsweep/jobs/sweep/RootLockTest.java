package org.memsweep.jobs.sweep;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootLockTest {
    @TempDir
    Path tmp;

    static FileSystem fs() throws IOException {
        return OutputRootTest.fs();
    }

    static org.apache.hadoop.fs.Path hp(Path p) {
        return OutputRootTest.hp(p);
    }

    @Test
    void aLiveHolderBlocksAndCloseLeavesNoLock() throws IOException {
        Path root = tmp.resolve("root");
        try (RootLock first = RootLock.acquire(fs(), hp(root), "run-A", null)) {
            RootLock.Holder h = RootLock.read(fs(), hp(root.resolve(RootLock.LOCK)));
            assertEquals("run-A", h.runId());
            assertEquals(ProcessHandle.current().pid(), h.pid());
            RootLock.HeldException e = assertThrows(RootLock.HeldException.class, () -> RootLock.acquire(fs(), hp(root), "run-B", null));
            assertTrue(e.getMessage().contains("run run-A") && e.getMessage().contains("pid " + h.pid()), e.getMessage());
            assertTrue(e.getMessage().contains("use another --out"), e.getMessage());
        }
        assertFalse(Files.exists(root.resolve(RootLock.LOCK)));
        try (RootLock again = RootLock.acquire(fs(), hp(root), "run-C", null)) {
            assertEquals("run-C", again.holder().runId());
        }
        assertEquals(0, Files.list(root).count(), "no lock and no .crc left");
    }

    @Test
    void aLockWithAnOldHeartbeatIsTakenOverWithANote() throws IOException {
        Path root = tmp.resolve("old");
        Files.createDirectories(root);
        Instant old = Instant.now().minus(RootLock.TIMEOUT).minus(Duration.ofMinutes(1));
        Files.writeString(root.resolve(RootLock.LOCK),
                new RootLock.Holder("run-dead", "some-other-host", 1, old, old).text());
        ByteArrayOutputStream notes = new ByteArrayOutputStream();
        try (RootLock l = RootLock.acquire(fs(), hp(root), "run-new", new PrintStream(notes, true))) {
            assertEquals("run-new", RootLock.read(fs(), hp(root.resolve(RootLock.LOCK))).runId());
        }
        String note = notes.toString();
        assertEquals(1, note.strip().lines().count(), note);
        assertTrue(note.contains("taking over") && note.contains("run-dead") && note.contains("no heartbeat"), note);
    }

    @Test
    void aFreshLockOfAnotherHostBlocks() throws IOException {
        Path root = tmp.resolve("remote");
        Files.createDirectories(root);
        Instant now = Instant.now();
        Files.writeString(root.resolve(RootLock.LOCK), new RootLock.Holder("run-remote", "some-other-host", 1, now, now).text());
        RootLock.HeldException e = assertThrows(RootLock.HeldException.class, () -> RootLock.acquire(fs(), hp(root), "run-new", null));
        assertTrue(e.getMessage().contains("host some-other-host"), e.getMessage());
        assertTrue(Files.readString(root.resolve(RootLock.LOCK)).contains("run-remote"), "the holder's lock is untouched");
    }

    @Test
    void aLockOfADeadProcessOnThisHostIsTakenOverAtOnce() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long pid = p.pid();
        p.waitFor();
        Path root = tmp.resolve("dead");
        Files.createDirectories(root);
        Instant now = Instant.now();
        Files.writeString(root.resolve(RootLock.LOCK), new RootLock.Holder("run-killed", RootLock.host(), pid, now, now).text());
        ByteArrayOutputStream notes = new ByteArrayOutputStream();
        try (RootLock l = RootLock.acquire(fs(), hp(root), "run-new", new PrintStream(notes, true))) {
            assertTrue(notes.toString().contains("its process has ended"), notes.toString());
        }
    }

    @Test
    void anUnreadableFreshLockBlocks() throws IOException {
        Path root = tmp.resolve("garbled");
        Files.createDirectories(root);
        Files.writeString(root.resolve(RootLock.LOCK), "{\"run_id\": ");
        RootLock.HeldException e = assertThrows(RootLock.HeldException.class, () -> RootLock.acquire(fs(), hp(root), "run-new", null));
        assertTrue(e.getMessage().contains("unreadable"), e.getMessage());
    }
}
