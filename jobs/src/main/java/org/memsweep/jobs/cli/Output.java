package org.memsweep.jobs.cli;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.memsweep.analysis.Columns;
import org.memsweep.engine.InvalidParameterException;

/** Checks on an output root, done before Spark starts so a wrong --out is one clear message. */
final class Output {
    private Output() {}

    /** The root must hold a {@code cells/} table (written by {@code memsweep sweep}). */
    static void requireTables(String out) {
        try {
            Path cells = new Path(out, Columns.CELLS);
            if (!cells.getFileSystem(new Configuration()).exists(cells)) {
                throw new InvalidParameterException("out", out, "the output root of a sweep (no " + Columns.CELLS
                        + "/ table there; run 'memsweep sweep --out " + out + "' first)");
            }
        } catch (IOException e) {
            throw new InvalidParameterException("out", out, "a readable path (" + e.getMessage() + ")");
        }
    }
}
