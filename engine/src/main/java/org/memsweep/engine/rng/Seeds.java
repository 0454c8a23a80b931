package org.memsweep.engine.rng;

/**
 * Seed derivation. Every random number in memsweep comes from a seed that is a pure function of
 * (master seed, cell parameters, seed index) — never of partition, task, executor, time or order.
 */
public final class Seeds {
    /** 2^64 / golden ratio, the SplitMix64 increment. */
    static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private Seeds() {}

    /** The SplitMix64 finaliser (Stafford's mix 13): a bijection on 64-bit values with good avalanche. */
    public static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * The seed of trajectory {@code seedIndex} of the cell whose canonical parameters hash to
     * {@code cellHash}, under {@code masterSeed}.
     */
    public static long trajectory(long masterSeed, long cellHash, long seedIndex) {
        return mix64(mix64(mix64(masterSeed ^ 0x6d656d7377656570L) ^ cellHash) + GOLDEN * (seedIndex + 1));
    }

    /** A seed for one named purpose (e.g. "dataset") derived from the master seed and a 64-bit key. */
    public static long derive(long masterSeed, String purpose, long key) {
        return mix64(mix64(masterSeed ^ fnv1a(purpose)) ^ key);
    }

    /** 64-bit FNV-1a of a string's UTF-16 code units: a stable, JVM-independent string hash. */
    public static long fnv1a(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }
}
