package org.memsweep.jobs.cli;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.memsweep.engine.InvalidParameterException;

class MasterUrlTest {
    @ParameterizedTest
    @ValueSource(strings = {"local", "local[1]", "local[*]", "local[4,2]", "local[*,3]", "local-cluster[2,1,1024]",
            "spark://host:7077", "spark://a:7077,b:7077", "yarn", "k8s://https://10.0.0.1:6443", "k8s://host:443"})
    void formsSparkAccepts(String m) {
        assertDoesNotThrow(() -> MasterUrl.check(m));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bogus://x", "local[0]", "local[-1]", "local[0,2]", "local[2,0]", "local[x]", "spark://host",
            "yarn-cluster", "", "LOCAL", "local[2] "})
    void everythingElseIsOneLine(String m) {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> MasterUrl.check(m));
        assertTrue(e.getMessage().startsWith("master = " + m + " is not allowed: one of local, local[K]"), e.getMessage());
    }
}
