package org.memsweep.jobs.sweep;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.memsweep.jobs.cli.Spark;

/** The forkless file: system sets the modes Hadoop asks for, and the sessions and early configurations use it. */
class ForklessLocalFileSystemTest {
    @TempDir
    java.nio.file.Path tmp;

    static String mode(java.nio.file.Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    /** A new (uncached) instance from a configured configuration. */
    static FileSystem fresh() throws IOException {
        return FileSystem.newInstance(java.net.URI.create("file:///"), ForklessLocalFileSystem.configure(new Configuration()));
    }

    @Test
    void setsEveryRwxBitAsChmodWould() throws IOException {
        java.nio.file.Path f = Files.createFile(tmp.resolve("f"));
        short[] modes = {0640, 0751, 0, 0467, 0212};
        String[] expected = {"rw-r-----", "rwxr-x--x", "---------", "r--rw-rwx", "-w---x-w-"};
        for (int i = 0; i < modes.length; i++) {
            assertTrue(ForklessLocalFileSystem.setPosix(f.toFile(), modes[i]));
            assertEquals(expected[i], mode(f));
        }
    }

    @Test
    void leavesStickyAndSetuidModesToHadoop() throws IOException {
        java.nio.file.Path d = Files.createDirectory(tmp.resolve("d"));
        assertFalse(ForklessLocalFileSystem.setPosix(d.toFile(), (short) 01777));
        try (FileSystem fs = fresh()) {
            fs.setPermission(new Path(d.toUri()), new FsPermission((short) 01777)); // Hadoop's chmod process
        }
        assertEquals("rwxrwxrwx", mode(d));
    }

    @Test
    void filesAndFoldersCreatedThroughItGetHadoopsModes() throws IOException {
        try (FileSystem fs = fresh()) {
            assertInstanceOf(ForklessLocalFileSystem.class, fs);
            Path dir = new Path(new Path(tmp.toUri()), "a/b");
            assertTrue(fs.mkdirs(dir, new FsPermission((short) 0750)));
            fs.create(new Path(dir, "x"), new FsPermission((short) 0600), false, 4096, (short) 1, 1 << 20, null).close();
            fs.setPermission(new Path(dir, "x"), new FsPermission((short) 0640));
        }
        assertEquals("rwxr-x---", mode(tmp.resolve("a/b")));
        assertEquals("rw-r-----", mode(tmp.resolve("a/b/x")));
        assertTrue(Files.exists(tmp.resolve("a/b/.x.crc")), "still the checksummed local file system");
    }

    @Test
    void aUsersOwnImplementationIsKept() {
        Configuration c = new Configuration();
        c.set(ForklessLocalFileSystem.KEY, "org.apache.hadoop.fs.RawLocalFileSystem");
        assertEquals("org.apache.hadoop.fs.RawLocalFileSystem", ForklessLocalFileSystem.configure(c).get(ForklessLocalFileSystem.KEY));
        assertEquals(ForklessLocalFileSystem.class.getName(), ForklessLocalFileSystem.configure(new Configuration()).get(ForklessLocalFileSystem.KEY));
    }

    @Test
    void localSessionsUseIt() {
        SparkSession spark = Spark.session("ForklessLocalFileSystemTest", "local[1]", false);
        try {
            assertEquals(ForklessLocalFileSystem.class.getName(), spark.sparkContext().hadoopConfiguration().get(ForklessLocalFileSystem.KEY));
        } finally {
            spark.stop();
        }
    }
}
