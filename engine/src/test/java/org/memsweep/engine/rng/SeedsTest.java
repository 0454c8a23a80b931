package org.memsweep.engine.rng;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeedsTest {
    @Test
    void mix64IsTheSplitMix64Finaliser() {
        // Reference SplitMix64 output for seed 1234567 (Vigna's splitmix64.c): the finaliser of seed + k·γ.
        assertEquals(6457827717110365317L, Seeds.mix64(1234567L + Seeds.GOLDEN));
        assertEquals(3203168211198807973L, Seeds.mix64(1234567L + 2 * Seeds.GOLDEN));
        assertEquals(0L, Seeds.mix64(0L), "0 is the finaliser's fixed point");
    }

    @Test
    void mix64IsInjectiveOnASample() {
        Set<Long> seen = new HashSet<>();
        for (long i = 0; i < 100_000; i++) seen.add(Seeds.mix64(i));
        assertEquals(100_000, seen.size());
    }

    @Test
    void fnv1aKnownValues() {
        // 64-bit FNV-1a test vectors (offset basis, "a", "foobar"); ASCII code units equal the UTF-16 ones.
        assertEquals(0xcbf29ce484222325L, Seeds.fnv1a(""));
        assertEquals(0xaf63dc4c8601ec8cL, Seeds.fnv1a("a"));
        assertEquals(0x85944171f73967e8L, Seeds.fnv1a("foobar"));
    }

    @Test
    void trajectorySeedsDifferAcrossIndicesCellsAndMasters() {
        Set<Long> seen = new HashSet<>();
        long[] masters = {0, 1, 2};
        long[] cells = {0, 1, Seeds.fnv1a("a"), Seeds.fnv1a("b")};
        int count = 0;
        for (long m : masters) {
            for (long c : cells) {
                for (long i = 0; i < 5000; i++) {
                    seen.add(Seeds.trajectory(m, c, i));
                    count++;
                }
            }
        }
        assertEquals(count, seen.size(), "no two (master, cell, index) triples share a seed");
    }

    @Test
    void trajectoryIsAPureFunction() {
        assertEquals(Seeds.trajectory(5, 77, 3), Seeds.trajectory(5, 77, 3));
        assertNotEquals(Seeds.trajectory(5, 77, 3), Seeds.trajectory(5, 77, 4));
        assertNotEquals(Seeds.trajectory(5, 77, 3), Seeds.trajectory(5, 78, 3));
        assertNotEquals(Seeds.trajectory(5, 77, 3), Seeds.trajectory(6, 77, 3));
    }

    @Test
    void deriveDependsOnPurposeKeyAndMaster() {
        long base = Seeds.derive(1, "dataset", 42);
        assertEquals(base, Seeds.derive(1, "dataset", 42));
        assertNotEquals(base, Seeds.derive(1, "datasets", 42));
        assertNotEquals(base, Seeds.derive(1, "dataset", 43));
        assertNotEquals(base, Seeds.derive(2, "dataset", 42));
    }
}
