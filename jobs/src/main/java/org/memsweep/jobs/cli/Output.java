package org.memsweep.jobs.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.util.VersionInfo;
import org.apache.hadoop.fs.Path;
import org.memsweep.analysis.table.Columns;
import org.memsweep.analysis.table.SqlQuery;
import org.memsweep.engine.InvalidParameterException;
import org.memsweep.jobs.sweep.DataFiles;

/** Checks on an output root, done before Spark starts so a wrong --out is one clear message. */
final class Output {
    private Output() {}

    /**
     * The file system of {@code out}; an empty path, or a scheme without a file system on the
     * classpath, is one message naming the schemes there are and how to add one.
     */
    static FileSystem fileSystem(String out) {
        if (out == null || out.isBlank()) throw new InvalidParameterException("out", "\"\"", "a path (it is empty)");
        Path root;
        try {
            root = new Path(out);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("out", out, "a valid path (" + e.getMessage() + ")");
        }
        String scheme = root.toUri().getScheme();
        Configuration conf = org.memsweep.jobs.sweep.ForklessLocalFileSystem.configure(new Configuration());
        if (scheme != null) {
            try {
                FileSystem.getFileSystemClass(scheme, conf);
            } catch (IOException | RuntimeException e) { // RuntimeException: configured, but its class is not on the classpath
                throw new InvalidParameterException("out", out, "a path on a file system this memsweep can reach (no file system for '"
                        + scheme + ":' on the classpath; available: " + String.join(", ", schemes()) + "; to add one, run under "
                        + "spark-submit with its package, e.g. --packages org.apache.hadoop:hadoop-aws:" + VersionInfo.getVersion() + " for s3a:)");
            }
        }
        try {
            return root.getFileSystem(conf);
        } catch (IOException e) {
            throw new InvalidParameterException("out", out, "a reachable path (" + e.getMessage() + ")");
        }
    }

    /** The schemes with a file system on the classpath. */
    static List<String> schemes() {
        TreeSet<String> s = new TreeSet<>();
        for (java.util.Iterator<FileSystem> it = ServiceLoader.load(FileSystem.class).iterator(); ; ) {
            try {
                if (!it.hasNext()) break;
                s.add(it.next().getScheme());
            } catch (UnsupportedOperationException | java.util.ServiceConfigurationError e) {
                // a file system without a fixed scheme, or one whose dependencies are missing: not reachable
            }
        }
        return new ArrayList<>(s);
    }

    /**
     * Where a sweep may write: a path on a reachable file system; on local paths, a folder (or a
     * new one) in a place this user can write. Checked before Spark starts.
     */
    static void requireWritableRoot(String out) {
        FileSystem fs = fileSystem(out);
        if (!"file".equals(fs.getUri().getScheme())) return; // remote stores: their permissions are checked by the first write
        java.nio.file.Path p = java.nio.file.Path.of(new Path(out).toUri().getPath()).toAbsolutePath();
        java.nio.file.Path existing = p;
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        if (existing == null) return;
        if (!Files.isDirectory(existing)) {
            if (existing.equals(p)) return; // OutputRoot.check says it is a file
            throw new InvalidParameterException("out", out, "a path under folders (" + existing + " is a file)");
        }
        if (!Files.isWritable(existing)) {
            throw new InvalidParameterException("out", out, "a place this user can write (" + existing + " is not writable)");
        }
    }

    /** The root must hold a {@code cells/} table (written by {@code memsweep sweep}). */
    static void requireTables(String out) {
        requireTables(out, false);
    }

    /**
     * As {@link #requireTables(String)}; with {@code experimentsSuffice} a root holding only an
     * experiment's table or a denoiser bank (no sweep yet) is enough too (for {@code sql}, which reads
     * any view, and {@code report}, which shows what is there). Either way every data file of every
     * table there must be whole.
     */
    static void requireTables(String out, boolean experimentsSuffice) {
        try {
            FileSystem fs = fileSystem(out);
            List<Path> tables = new ArrayList<>();
            for (String t : Columns.TABLES) tables.add(new Path(out, t));
            for (String t : SqlQuery.EXPERIMENT_TABLES) tables.add(new Path(out, t));
            boolean cells = fs.exists(new Path(out, Columns.CELLS));
            boolean others = fs.exists(new Path(out, Columns.BANK)); // a root of memsweep bank alone
            for (String t : SqlQuery.EXPERIMENT_TABLES) others |= fs.exists(new Path(out, t));
            if (!cells && !(experimentsSuffice && others)) {
                throw new InvalidParameterException("out", out, experimentsSuffice
                        ? "an output root with tables (none of " + Columns.CELLS + "/, "
                                + String.join("/, ", SqlQuery.EXPERIMENT_TABLES) + "/, " + Columns.BANK
                                + "/ there; run 'memsweep sweep', 'memsweep experiment' or 'memsweep bank' with --out " + out + " first)"
                        : "the output root of a sweep (no " + Columns.CELLS + "/ table there; run 'memsweep sweep --out " + out + "' first)");
            }
            // Every data file, not only those a command reads: verdict reads cells/ alone, and would
            // otherwise report on a root whose trajectories are damaged.
            for (Path p : tables) DataFiles.requireWhole(fs, p);
        } catch (IOException e) {
            throw new InvalidParameterException("out", out, "a readable path (" + e.getMessage() + ")");
        }
    }
}
