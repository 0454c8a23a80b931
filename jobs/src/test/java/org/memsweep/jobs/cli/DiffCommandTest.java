package org.memsweep.jobs.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiffCommandTest {
    @TempDir
    Path tmp;

    @Test
    void aRootEqualsItsCopyAndDiffersFromAnotherSweep() throws Exception {
        Path out = RealSweep.out();
        Path copy = tmp.resolve("copy");
        try (Stream<Path> s = Files.walk(out)) {
            for (Path p : s.sorted(Comparator.naturalOrder()).toList()) {
                Path t = copy.resolve(out.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t);
            }
        }
        RealSweep.Result r = RealSweep.run("diff", "--out", out.toString(), "--against", copy.toString());
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("identical results"), r.out());

        // The same grid with another master seed: every row differs in its seed column.
        Path other = copy.getParent().resolve("other");
        RealSweep.Result s = RealSweep.run("sweep", "--out", other.toString(), "--master", "local[2]", "--quiet", "--seed", "2",
                "--set", "d=8", "--set", "n=[2,3,5]", "--set", "flow=probability", "--set", "seeds=" + RealSweep.SEEDS);
        assertEquals(0, s.code(), s.err());
        r = RealSweep.run("diff", "--out", out.toString(), "--against", other.toString());
        assertEquals(1, r.code(), r.out());
        assertTrue(r.out().contains("the results differ"), r.out());

        r = RealSweep.run("diff", "--out", out.toString(), "--against", "/nonexistent/root");
        assertEquals(2, r.code());
    }
}
