package org.memsweep.engine.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EndpointTest {
    @Test
    void divergedCarriesNoMetrics() {
        Endpoint e = Endpoint.diverged();
        assertEquals(Category.DIVERGED, e.category());
        assertEquals(-1, e.vertexOrder());
        assertFalse(e.boundary());
        assertFalse(e.nnMemorized());
        for (double v : new double[] {e.linfVertex(), e.linfNearest(), e.d1(), e.d2(), e.nnRatio()}) assertTrue(Double.isNaN(v));
        assertEquals(e, Endpoint.diverged(), "records with NaN components still compare equal");
    }
}
