package org.memsweep.jobs.sweep;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's local file system ({@code file:}, checksums and all), except that it sets permissions
 * with a system call instead of a process. Without Hadoop's native library (Spark ships none),
 * {@link RawLocalFileSystem#setPermission} runs {@code chmod} in a new process for every folder
 * and file it creates: four per sweep task (its attempt folder, the {@code n=} folder, the
 * Parquet file and its checksum) and some fifteen on the driver per sweep, about 6 ms each here
 * while the task's core waits. The permissions set are the same ({@code Files.setPosixFilePermissions}
 * is chmod); modes beyond rwx bits (sticky, setuid) and file systems without POSIX permissions go
 * the old way. Only file I/O: the output tables of the sweeps (science.md §7), not their numbers.
 */
public final class ForklessLocalFileSystem extends LocalFileSystem {
    /** The Hadoop key naming the {@code file:} implementation. */
    public static final String KEY = "fs.file.impl";

    public ForklessLocalFileSystem() {
        super(new Raw());
    }

    /**
     * Makes {@code conf} use this file system for {@code file:} unless it names another already.
     * File systems are cached per scheme by the first caller, so every configuration memsweep builds
     * before Spark does goes through here.
     */
    public static Configuration configure(Configuration conf) {
        if (conf.get(KEY) == null) conf.set(KEY, ForklessLocalFileSystem.class.getName());
        return conf;
    }

    /** The raw local file system with a forkless {@link #setPermission}. */
    static final class Raw extends RawLocalFileSystem {
        @Override
        public void setPermission(Path p, FsPermission permission) throws IOException {
            if (!setPosix(pathToFile(p), permission.toShort())) super.setPermission(p, permission);
        }
    }

    /** chmod through java.nio; false when the mode or the file system needs Hadoop's own way. */
    static boolean setPosix(File f, short mode) throws IOException {
        if ((mode & ~0777) != 0) return false;
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = { // from 0400 down to 0001, the order of PosixFilePermission
            PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE,
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE};
        for (int i = 0; i < bits.length; i++) if ((mode & (0400 >> i)) != 0) perms.add(bits[i]);
        try {
            Files.setPosixFilePermissions(f.toPath(), perms);
            return true;
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }
}
