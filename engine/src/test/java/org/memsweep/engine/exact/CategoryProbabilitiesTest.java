package org.memsweep.engine.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.memsweep.engine.classify.Category;

class CategoryProbabilitiesTest {
    @Test
    void accessors() {
        CategoryProbabilities p = new CategoryProbabilities(0.1, 0.2, 0.3, 0.25, 0.15, new double[] {0.1, 0.2, 0.3});
        assertEquals(0.1 + 0.2, p.memorized(), 0.0);
        assertEquals(0.1, p.of(Category.APEX));
        assertEquals(0.2, p.of(Category.TRAINING));
        assertEquals(0.3, p.of(Category.VIRTUAL));
        assertEquals(0.25, p.of(Category.MANIFOLD));
        assertEquals(0.15, p.of(Category.OTHER));
        assertEquals(0.0, p.of(Category.DIVERGED));
    }
}
