package org.memsweep.jobs.sweep;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * One writer per output root: the file {@value #LOCK} at the root, created only if absent (an
 * exclusive create: {@code O_EXCL} on local paths, the file system's create-if-absent elsewhere),
 * holding the holder's run id, host, pid, start time and a heartbeat the holder rewrites every
 * {@link #HEARTBEAT}. A lock is stale when its heartbeat is older than {@link #TIMEOUT}, or when its
 * holder ran on this host and its pid is gone; a stale lock is taken over with a one-line note.
 * Released by {@link #close()}, and by a shutdown hook on Ctrl-C or a kill other than SIGKILL.
 */
public final class RootLock implements AutoCloseable {
    /** The lock file at the root. */
    public static final String LOCK = "_memsweep.lock";

    /** How often the holder refreshes its heartbeat. */
    static final Duration HEARTBEAT = Duration.ofSeconds(30);

    /**
     * A heartbeat older than this means the holder is gone (it died on another host, or its host
     * did): ten missed beats, so a long GC pause or a slow store never frees a live holder's lock.
     */
    public static final Duration TIMEOUT = Duration.ofMinutes(5);

    /** Hadoop shutdown-hook priority: after Spark's context has stopped (30), before file systems close (10). */
    private static final int HOOK_PRIORITY = 20;

    /** Another live run holds the lock. */
    public static final class HeldException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        HeldException(String message) {
            super(message);
        }
    }

    /** What a lock file says about its holder. */
    record Holder(String runId, String host, long pid, Instant started, Instant heartbeat) {
        String text() {
            return String.format(Locale.ROOT, "{\"run_id\": \"%s\", \"host\": \"%s\", \"pid\": %d, \"started\": \"%s\", \"heartbeat\": \"%s\"}%n",
                    runId, host, pid, started, heartbeat);
        }

        static Holder parse(String text) {
            try {
                if (new Yaml(new SafeConstructor(new LoaderOptions())).load(text) instanceof Map<?, ?> m) {
                    return new Holder(String.valueOf(m.get("run_id")), String.valueOf(m.get("host")),
                            ((Number) m.get("pid")).longValue(), Instant.parse(String.valueOf(m.get("started"))),
                            Instant.parse(String.valueOf(m.get("heartbeat"))));
                }
            } catch (RuntimeException e) {
                // unreadable: a holder rewriting its heartbeat at this moment, or a damaged file
            }
            return null;
        }

        String describe(Instant now) {
            return "run " + runId + ", host " + host + ", pid " + pid + ", started " + started
                    + ", last heartbeat " + Duration.between(heartbeat, now).toSeconds() + " s ago";
        }
    }

    private final FileSystem fs;
    private final Path path;
    private final Holder holder;
    private final Thread beat;
    private final Object hook;
    private volatile boolean released;

    private RootLock(FileSystem fs, Path path, Holder holder) {
        this.fs = fs;
        this.path = path;
        this.holder = holder;
        this.beat = new Thread(this::beat, "memsweep-lock-heartbeat");
        beat.setDaemon(true);
        beat.start();
        Runnable release = this::close;
        org.apache.hadoop.util.ShutdownHookManager.get().addShutdownHook(release, HOOK_PRIORITY);
        this.hook = release;
    }

    /** This host's name, as written in the lock. */
    static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }

    /** Local roots bypass the checksummed file system, so no {@code .crc} file appears beside the lock. */
    static FileSystem raw(FileSystem fs) {
        return fs instanceof LocalFileSystem l ? l.getRawFileSystem() : fs;
    }

    /**
     * Takes the lock of {@code root} (creating the folder), taking over a stale one.
     *
     * @param notes where the one-line note of a takeover goes (may be null)
     * @throws HeldException when a live run holds it, naming that run and what to do
     */
    public static RootLock acquire(FileSystem fileSystem, Path root, String runId, PrintStream notes) throws IOException {
        FileSystem fs = raw(fileSystem);
        Path path = new Path(root, LOCK);
        Instant now = Instant.now();
        Holder me = new Holder(runId, host(), ProcessHandle.current().pid(), now, now);
        for (int attempt = 0; attempt < 3; attempt++) {
            boolean created;
            try {
                if (!fs.mkdirs(root)) throw new IOException("cannot create the folder");
                created = createNew(fs, path, me.text());
            } catch (IOException e) {
                throw new org.memsweep.engine.InvalidParameterException("out", root, "a place this user can write ("
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
            }
            if (created) return new RootLock(fs, path, me);
            Holder other = read(fs, path);
            if (other == null) {
                // Being rewritten, or damaged: judge it by its age.
                long age = ageMillis(fs, path);
                if (age < 0) continue; // gone meanwhile
                if (age < TIMEOUT.toMillis()) {
                    throw held(root, "a run whose lock file is unreadable, last written " + age / 1000 + " s ago");
                }
            } else {
                String why = staleness(other, now);
                if (why == null) throw held(root, other.describe(Instant.now()));
                if (notes != null) {
                    notes.println("memsweep sweep: taking over the lock of " + root + " from " + other.describe(now) + " (" + why + ")");
                }
            }
            // Move the stale lock aside, so of two runs taking it over at once only one succeeds.
            Path aside = new Path(root, LOCK + ".stale-" + runId);
            if (fs.rename(path, aside)) fs.delete(aside, false);
        }
        throw held(root, "another run that keeps taking it");
    }

    private static HeldException held(Path root, String who) {
        return new HeldException(root + " is being written by another sweep (" + who + "): wait until it ends, or use another --out; "
                + "a lock whose run died is taken over by the next run once its heartbeat is " + TIMEOUT.toMinutes()
                + " min old, at once on the same host");
    }

    /** Why the holder is gone, or null when it may be alive. */
    static String staleness(Holder h, Instant now) {
        if (Duration.between(h.heartbeat(), now).compareTo(TIMEOUT) > 0) {
            return "no heartbeat for more than " + TIMEOUT.toMinutes() + " min";
        }
        if (h.host().equals(host()) && ProcessHandle.of(h.pid()).map(ProcessHandle::isAlive).orElse(false) == false) {
            return "its process has ended";
        }
        return null;
    }

    private static boolean createNew(FileSystem fs, Path path, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if ("file".equals(fs.getUri().getScheme())) {
            // Hadoop's local create checks existence, then opens: not exclusive. O_EXCL is.
            try {
                Files.write(java.nio.file.Path.of(fs.makeQualified(path).toUri()), bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            }
        }
        try (OutputStream o = fs.create(path, false)) {
            o.write(bytes);
            return true;
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
            return false;
        }
    }

    static Holder read(FileSystem fs, Path path) {
        try (InputStream in = fs.open(path)) {
            return Holder.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return null;
        }
    }

    private static long ageMillis(FileSystem fs, Path path) {
        try {
            return System.currentTimeMillis() - fs.getFileStatus(path).getModificationTime();
        } catch (IOException e) {
            return -1;
        }
    }

    /** The holder this lock was taken as. */
    Holder holder() {
        return holder;
    }

    private void beat() {
        while (!released) {
            try {
                Thread.sleep(HEARTBEAT.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            synchronized (this) { // never rewrite a lock that close() has just deleted
                if (released) return;
                try {
                    Holder h = read(fs, path);
                    if (h != null && !h.runId().equals(holder.runId())) return; // taken over: never write over another's lock
                    try (OutputStream o = fs.create(path, true)) {
                        o.write(new Holder(holder.runId(), holder.host(), holder.pid(), holder.started(), Instant.now())
                                .text().getBytes(StandardCharsets.UTF_8));
                    }
                } catch (IOException e) {
                    // the next beat tries again; a store down for TIMEOUT makes the lock stale, as it should
                }
            }
        }
    }

    /** Releases the lock if it is still this run's. Idempotent. */
    @Override
    public synchronized void close() {
        if (released) return;
        released = true;
        beat.interrupt();
        try {
            Holder h = read(fs, path);
            if (h == null || h.runId().equals(holder.runId())) fs.delete(path, false);
        } catch (IOException e) {
            // left behind: the next run on this host takes it over at once (pid gone), elsewhere after TIMEOUT
        }
        try {
            org.apache.hadoop.util.ShutdownHookManager.get().removeShutdownHook((Runnable) hook);
        } catch (IllegalStateException e) {
            // shutting down: the hook is running this
        }
    }
}
