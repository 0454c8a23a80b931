package org.memsweep.jobs.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Checks that a table's Parquet files are whole before anything reads them. A Parquet file ends
 * with its footer's length and the magic {@code PAR1}; a truncated file (a disk filled up, a copy
 * cut short) loses that tail. One small read per file, so the check is cheap beside reading the
 * table, and it catches a damaged file that a command would otherwise never open (e.g. verdict,
 * which reads only cells/).
 */
public final class DataFiles {
    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

    /** A Parquet file that cannot be read. The message names it and what to do. */
    public static final class DamagedFileException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        DamagedFileException(String message) {
            super(message);
        }
    }

    private DataFiles() {}

    /** The one-line message for a damaged file: which file, why, what to do. */
    public static DamagedFileException damaged(String file, String why) {
        return new DamagedFileException(file + " is damaged (" + why + "): move it out of the output root and rerun "
                + "'memsweep sweep' with the same spec and --out, which computes its rows again");
    }

    /**
     * Throws {@link DamagedFileException} for the first data file under {@code table} (hidden
     * files and folders such as {@code _temporary/} excepted) whose Parquet tail is missing. A missing table is fine.
     */
    public static void requireWhole(FileSystem fileSystem, Path table) throws IOException {
        // Raw: the checksummed local file system would fail on the .crc before the tail is seen.
        FileSystem fs = RootLock.raw(fileSystem);
        if (!fs.exists(table)) return;
        RemoteIterator<LocatedFileStatus> files = fs.listFiles(table, true);
        String base = table.toUri().getPath();
        while (files.hasNext()) {
            LocatedFileStatus f = files.next();
            String rel = f.getPath().toUri().getPath().substring(Math.min(base.length(), f.getPath().toUri().getPath().length()));
            if (hidden(rel) || !f.getPath().getName().endsWith(".parquet")) continue;
            String why = tailProblem(fs, f.getPath(), f.getLen());
            if (why != null) throw damaged(f.getPath().toString(), why);
        }
    }

    /** True when some component of a relative path starts with {@code _} or {@code .} (Spark ignores those). */
    private static boolean hidden(String rel) {
        for (String part : rel.split("/")) {
            if (part.startsWith("_") || part.startsWith(".")) return true;
        }
        return false;
    }

    private static String tailProblem(FileSystem fs, Path p, long len) throws IOException {
        if (len < 12) return "only " + len + " bytes, shorter than an empty Parquet file";
        byte[] tail = new byte[8];
        try (FSDataInputStream in = fs.open(p)) {
            in.readFully(len - 8, tail);
        }
        for (int i = 0; i < 4; i++) {
            if (tail[4 + i] != MAGIC[i]) return "truncated: no Parquet footer at its end";
        }
        long footer = (tail[0] & 0xffL) | (tail[1] & 0xffL) << 8 | (tail[2] & 0xffL) << 16 | (tail[3] & 0xffL) << 24;
        if (footer <= 0 || footer > len - 12) return "its footer length " + footer + " does not fit in " + len + " bytes";
        return null;
    }

    private static final Pattern PARQUET_FILE = Pattern.compile("((?:[a-z][a-z0-9+.-]*:)?/[^\\s,;'\"]+\\.parquet)");
    private static final Pattern UNREADABLE = Pattern.compile(
            "not a Parquet file|Could not read footer|Checksum error|ParquetDecodingException|EOFException|can not read|corrupt|Encountered error while reading file",
            Pattern.CASE_INSENSITIVE);

    /**
     * The damaged-file message for an exception from Spark reading a Parquet file (any cause in
     * the chain naming a {@code .parquet} file together with a reading failure), or null.
     */
    public static DamagedFileException fromReadFailure(Throwable ex) {
        String file = null;
        boolean unreadable = false;
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getClass().getName() + ": " + t.getMessage();
            if (UNREADABLE.matcher(m).find()) unreadable = true;
            Matcher f = PARQUET_FILE.matcher(m);
            if (file == null && f.find()) file = f.group(1);
        }
        return file != null && unreadable ? damaged(file, "Spark could not read it") : null;
    }
}
