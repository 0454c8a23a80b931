package org.memsweep.engine.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class CategoryTest {
    @Test
    void memorizedIsApexOrTraining() {
        for (Category c : Category.values()) {
            assertEquals(EnumSet.of(Category.APEX, Category.TRAINING).contains(c), c.isMemorized(), c.name());
        }
        assertEquals(6, Category.values().length);
    }
}
