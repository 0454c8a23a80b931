package org.memsweep.jobs.sweep;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFilesTest {
    @TempDir
    Path tmp;

    /** Bytes shaped like a Parquet file: magic, a body, the footer length (little-endian) and the magic again. */
    static byte[] parquetLike(int footer) {
        byte[] b = new byte[4 + 40 + footer + 8];
        System.arraycopy("PAR1".getBytes(StandardCharsets.US_ASCII), 0, b, 0, 4);
        int at = b.length - 8;
        b[at] = (byte) footer;
        b[at + 1] = (byte) (footer >> 8);
        System.arraycopy("PAR1".getBytes(StandardCharsets.US_ASCII), 0, b, b.length - 4, 4);
        return b;
    }

    void check(Path table) throws IOException {
        DataFiles.requireWhole(FileSystem.getLocal(new Configuration()), new org.apache.hadoop.fs.Path(table.toUri()));
    }

    @Test
    void wholeFilesPassAndATruncatedOneIsNamed() throws IOException {
        Path t = tmp.resolve("trajectories");
        Files.createDirectories(t.resolve("n=2"));
        byte[] whole = parquetLike(300);
        Files.write(t.resolve("n=2").resolve("part-0.parquet"), whole);
        Files.write(t.resolve("n=2").resolve("part-1.parquet"), whole);
        check(t);
        check(tmp.resolve("missing"));
        // Spark's hidden files and unfinished task outputs are not table data.
        Files.createDirectories(t.resolve("_temporary").resolve("0"));
        Files.write(t.resolve("_temporary").resolve("0").resolve("part-9.parquet"), new byte[] {1, 2});
        Files.write(t.resolve("_SUCCESS"), new byte[0]);
        check(t);

        Path cut = t.resolve("n=2").resolve("part-1.parquet");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length - 100));
        DataFiles.DamagedFileException e = assertThrows(DataFiles.DamagedFileException.class, () -> check(t));
        assertTrue(e.getMessage().contains("part-1.parquet") && e.getMessage().contains("truncated"), e.getMessage());
        assertTrue(e.getMessage().contains("move it out of the output root and rerun"), e.getMessage());
        Files.write(cut, new byte[5]);
        e = assertThrows(DataFiles.DamagedFileException.class, () -> check(t));
        assertTrue(e.getMessage().contains("only 5 bytes"), e.getMessage());
    }

    @Test
    void aFooterLengthLargerThanTheFileIsDamage() throws IOException {
        Path t = tmp.resolve("cells");
        Files.createDirectories(t);
        byte[] b = parquetLike(300);
        b[b.length - 7] = 0x7f; // footer length ≈ 32 kB in a file of a few hundred bytes
        Files.write(t.resolve("part-0.parquet"), b);
        assertThrows(DataFiles.DamagedFileException.class, () -> check(t));
    }

    @Test
    void sparkReadFailuresNamingAParquetFileBecomeTheMessage() {
        Exception spark = new RuntimeException("Job aborted due to stage failure: Task 0 failed",
                new RuntimeException("Encountered error while reading file file:///r/trajectories/n=2/part-0001.snappy.parquet. Details:",
                        new RuntimeException("file:/r/trajectories/n=2/part-0001.snappy.parquet is not a Parquet file. Expected magic number at tail")));
        DataFiles.DamagedFileException e = DataFiles.fromReadFailure(spark);
        assertNotNull(e);
        assertTrue(e.getMessage().startsWith("file:///r/trajectories/n=2/part-0001.snappy.parquet is damaged"), e.getMessage());
        assertNull(DataFiles.fromReadFailure(new RuntimeException("Job aborted: java.lang.OutOfMemoryError")));
        assertNull(DataFiles.fromReadFailure(new RuntimeException("Path does not exist: file:/r/x.parquet")));
    }
}
