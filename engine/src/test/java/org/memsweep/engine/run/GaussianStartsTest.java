package org.memsweep.engine.run;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.memsweep.engine.TestSupport;
import org.memsweep.engine.cell.Cell;
import org.memsweep.engine.cell.CellParams;

class GaussianStartsTest {
    @Test
    void drawsTheCellsStartsBitForBit() {
        Cell cell = Cell.build(CellParams.fromMap(Map.of("n", 5, "d", 12, "sigma-max", 80.0, "high-noise", "mmse", "start-mean", "origin")));
        int d = 12;
        GaussianStarts g = new GaussianStarts(new double[d], cell.params().startScale(), cell::seedOf);
        org.junit.jupiter.api.Assertions.assertEquals(d, g.dimension());
        double[] y = new double[3 + d], expected = new double[d];
        for (long i : new long[] {0, 1, 2, 17, 1_000_000}) {
            g.sample(i, y, 3);
            cell.start(i, expected);
            TestSupport.assertSameBits(expected, java.util.Arrays.copyOfRange(y, 3, 3 + d), "seed index " + i);
        }
    }
}
