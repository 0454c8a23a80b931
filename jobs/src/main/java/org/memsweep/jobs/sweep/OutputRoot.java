package org.memsweep.jobs.sweep;

import static org.memsweep.analysis.table.Columns.*;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.memsweep.engine.InvalidParameterException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * What makes a folder a memsweep output root: the marker file {@value #MARKER} that a sweep writes
 * when it starts writing a root (table format version, code version, creation time). Only a marked
 * root is resumed or overwritten, and {@code --overwrite} deletes only what memsweep wrote there
 * ({@link #OWN_NAMES}, except the denoiser bank); anything else in the folder stays.
 * <p>A folder without a marker that holds nothing but memsweep's own names (written before the
 * marker existed) counts as a root of table format {@value #LEGACY_FORMAT}: it can be overwritten,
 * not resumed, because its tables lack the columns of format {@value #FORMAT}.
 */
public final class OutputRoot {
    /**
     * Version of the tables' layout (columns of trajectories/, cells/, runs/). Bump it whenever a
     * column is added, removed or changes meaning: a resume into a root of another format refuses.
     * 1 = the layout before the marker; 2 = with the cell parameter {@code frame} and
     * {@code n_unconverged}/{@code frac_unconverged} in cells/; 3 = with the cell parameters
     * {@code train} and {@code allow_untolerated} of cells on trained networks; 4 = trajectories/
     * rows without the cell parameters other than n (they are in cells/, and the trajectories view
     * joins them).
     */
    public static final int FORMAT = 4;

    /** Format of an unmarked root that holds only memsweep's folders. */
    static final int LEGACY_FORMAT = 1;

    /** The marker file at the root. */
    public static final String MARKER = "_memsweep.json";

    /** Everything memsweep writes at a root; the only names {@code --overwrite} deletes. */
    static final Set<String> OWN_NAMES = Set.of(TRAJECTORIES, CELLS, RUNS, CellsTable.STAGING, CellsTable.OLD, MARKER, RootLock.LOCK,
            "experiments", // tables of memsweep experiment
            BANK); // memsweep bank's networks: its own, but kept by a sweep's --overwrite (see prepare)

    private OutputRoot() {}

    /** What is at {@code --out}, as far as resuming or overwriting is concerned. */
    public enum State { ABSENT, EMPTY, MARKED, LEGACY }

    /**
     * Checks that a sweep may write {@code root}, touching nothing: not a plain file, not a folder
     * of someone else's files, not a root of another table format unless {@code overwrite}.
     *
     * @return the state found
     * @throws InvalidParameterException naming what is wrong and how to proceed
     */
    public static State check(FileSystem fs, Path root, boolean overwrite) throws IOException {
        String out = root.toString();
        if (!fs.exists(root)) return State.ABSENT;
        FileStatus st = fs.getFileStatus(root);
        if (!st.isDirectory()) {
            throw new InvalidParameterException("out", out, "a folder (this is an existing file; memsweep never deletes it, "
                    + "even with --overwrite: choose another --out)");
        }
        FileStatus[] entries = fs.listStatus(root);
        if (entries.length == 0) return State.EMPTY;
        Path marker = new Path(root, MARKER);
        if (fs.exists(marker)) {
            int format = readFormat(fs, marker);
            if (format != FORMAT && !overwrite) throw otherFormat(out, format);
            return State.MARKED;
        }
        List<String> foreign = new ArrayList<>();
        boolean tables = false;
        for (FileStatus e : entries) {
            String name = e.getPath().getName();
            if (!OWN_NAMES.contains(name)) foreign.add(name);
            else if (!name.equals(RootLock.LOCK)) tables = true;
        }
        if (foreign.isEmpty() && !tables) return State.EMPTY; // only a lock: a run that stopped before its marker
        if (!foreign.isEmpty()) {
            throw new InvalidParameterException("out", out, "a new or empty folder, or the output root of a sweep (it holds "
                    + foreign.size() + " entr" + (foreign.size() == 1 ? "y" : "ies") + " memsweep did not write, e.g. '"
                    + foreign.get(0) + "', and no " + MARKER
                    + "; memsweep neither writes into nor deletes such a folder, even with --overwrite: choose another --out)");
        }
        if (!overwrite) throw otherFormat(out, LEGACY_FORMAT);
        return State.LEGACY;
    }

    private static InvalidParameterException otherFormat(String out, int format) {
        return new InvalidParameterException("out", out, "a root of table format " + FORMAT + " to resume into (its tables are format "
                + format + ", written by " + (format < FORMAT ? "an earlier" : "a later") + " memsweep): "
                + "use --overwrite to replace them, or a new --out");
    }

    /** The table format written in a marker; a marker that cannot be read is an error naming it. */
    static int readFormat(FileSystem fs, Path marker) throws IOException {
        try (InputStream in = fs.open(marker)) {
            Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            if (doc instanceof Map<?, ?> m && m.get("format") instanceof Integer f) return f;
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            // falls through to the message below
        }
        throw new InvalidParameterException("out", marker.getParent().toString(), "an output root with a readable " + MARKER
                + " (" + marker + " is damaged: if the folder is memsweep's, restore the file or use a new --out)");
    }

    /**
     * Prepares {@code root} for a run holding its lock: with {@code overwrite}, deletes what memsweep
     * wrote there (never anything else); writes the marker when missing.
     *
     * @return names of entries that were kept because memsweep did not write them (only with overwrite)
     */
    public static List<String> prepare(FileSystem fileSystem, Path root, State state, boolean overwrite) throws IOException {
        FileSystem fs = RootLock.raw(fileSystem);
        List<String> kept = new ArrayList<>();
        if (overwrite && (state == State.MARKED || state == State.LEGACY)) {
            for (FileStatus e : fs.listStatus(root)) {
                String name = e.getPath().getName();
                if (name.equals(RootLock.LOCK)) continue; // ours, held now
                if (name.equals(BANK)) continue; // trained networks cost CPU-hours and do not depend on the sweep's rows
                if (OWN_NAMES.contains(name)) fs.delete(e.getPath(), true);
                else kept.add(name);
            }
        }
        fs.mkdirs(root);
        Path marker = new Path(root, MARKER);
        if (!fs.exists(marker)) writeMarker(fs, marker);
        return kept;
    }

    private static void writeMarker(FileSystem fs, Path marker) throws IOException {
        String json = String.format(java.util.Locale.ROOT,
                "{\"format\": %d, \"created_by\": \"%s\", \"created\": \"%s\"}%n", FORMAT, SweepJob.codeVersion(), Instant.now());
        try (OutputStream o = fs.create(marker, true)) {
            o.write(json.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** {@link #check} with a file system from a plain Hadoop configuration, before Spark starts. */
    public static State check(String out, boolean overwrite) throws IOException {
        Path root = new Path(out);
        return check(root.getFileSystem(ForklessLocalFileSystem.configure(new Configuration())), root, overwrite);
    }
}
