package org.memsweep.jobs.sweep;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class WavePlanTest {
    /** Blocks of {@code seeds} seeds for each of {@code cells} cells, in blocks of at most {@code blockSize}. */
    static List<Block> blocks(int cells, long seeds, long blockSize) {
        List<Block> out = new ArrayList<>();
        for (int c = 0; c < cells; c++) {
            for (long f = 0; f < seeds; f += blockSize) out.add(new Block("cell" + c, new LinkedHashMap<>(), f, Math.min(seeds, f + blockSize)));
        }
        return out;
    }

    static List<List<List<Block>>> drain(WavePlan plan, double rate, double seconds) {
        List<List<List<Block>>> waves = new ArrayList<>();
        while (plan.hasNext()) waves.add(plan.next(waves.isEmpty() ? Double.NaN : rate, seconds));
        return waves;
    }

    static List<Block> flatten(List<List<List<Block>>> waves) {
        List<Block> out = new ArrayList<>();
        for (List<List<Block>> w : waves) for (List<Block> t : w) out.addAll(t);
        return out;
    }

    static long size(List<Block> task) {
        return task.stream().mapToLong(Block::size).sum();
    }

    /** Every cell's seeds [0, seeds) exactly once, in plan order (blocks may be cut, never overlap). */
    static void assertCoversInOrder(List<Block> expected, List<Block> actual) {
        List<long[]> want = new ArrayList<>(), got = new ArrayList<>();
        List<String> wantIds = new ArrayList<>(), gotIds = new ArrayList<>();
        merge(expected, want, wantIds);
        merge(actual, got, gotIds);
        assertEquals(wantIds, gotIds);
        for (int i = 0; i < want.size(); i++) assertArrayEquals(want.get(i), got.get(i));
    }

    /** Consecutive contiguous ranges of one cell merged. */
    private static void merge(List<Block> blocks, List<long[]> ranges, List<String> ids) {
        for (Block b : blocks) {
            int last = ids.size() - 1;
            if (last >= 0 && ids.get(last).equals(b.cellId()) && ranges.get(last)[1] == b.from()) ranges.get(last)[1] = b.to();
            else {
                ids.add(b.cellId());
                ranges.add(new long[] {b.from(), b.to()});
            }
        }
    }

    @Test
    void everySeedRunsOnceInPlanOrder() {
        List<Block> blocks = blocks(7, 1000, 300);
        for (Integer partitions : new Integer[] {null, 1, 3, 64}) {
            List<List<List<Block>>> waves = drain(WavePlan.of(blocks, 300, 2, partitions), 1e4, 1);
            assertCoversInOrder(blocks, flatten(waves));
            for (List<List<Block>> w : waves) for (List<Block> t : w) assertFalse(t.isEmpty());
            if (partitions != null) assertEquals(blocks, flatten(waves), "explicit partitions never cut a block");
        }
    }

    @Test
    void theLastRoundOfAWaveIsCutInHalves() {
        List<List<Block>> halves = WavePlan.halves(List.of(new Block("a", new LinkedHashMap<>(), 0, 300),
                new Block("b", new LinkedHashMap<>(), 0, 500)));
        assertEquals(List.of(new Block("a", new LinkedHashMap<>(), 0, 300), new Block("b", new LinkedHashMap<>(), 0, 100)), halves.get(0));
        assertEquals(List.of(new Block("b", new LinkedHashMap<>(), 100, 500)), halves.get(1));
        assertEquals(1, WavePlan.halves(List.of(new Block("a", new LinkedHashMap<>(), 7, 8))).size(), "one seed stays whole");
        // 12 tasks of 1000 seeds on 3 cores: 9 whole tasks, then the last 3 as 6 of 500.
        List<List<Block>> wave = WavePlan.of(blocks(12, 1000, 1000), 1000, 3, null).next(Double.NaN, 60);
        assertEquals(15, wave.size());
        for (List<Block> t : wave.subList(0, 9)) assertEquals(1000, size(t));
        for (List<Block> t : wave.subList(9, 15)) assertEquals(500, size(t));
    }

    @Test
    void defaultPacksSmallCellsIntoTasksOfAboutTheBlockSizeButGivesEveryCoreSeveralTasks() {
        // 100 cells of 1000 seeds on 2 cores, blocks of 25000: 100 000 / (4 × 2) = 12 500 per task.
        WavePlan plan = WavePlan.of(blocks(100, 1000, 25000), 25000, 2, null);
        List<List<Block>> first = plan.next(Double.NaN, 60);
        // 8 tasks of 12 blocks (12 000 ≤ 12 500) and one of 4, all in the first wave (up to 8 tasks
        // per core); its last two are halved.
        assertEquals(11, first.size());
        for (List<Block> t : first.subList(0, 7)) assertEquals(12, t.size());
        assertEquals(List.of(6000L, 6000L, 2000L, 2000L), first.subList(7, 11).stream().map(WavePlanTest::size).toList());
        assertFalse(plan.hasNext());
        // A big cell: tasks of one block each.
        WavePlan big = WavePlan.of(blocks(1, 1_000_000, 25000), 25000, 2, null);
        List<List<Block>> bigWave = big.next(Double.NaN, 60); // the first wave: 8 tasks per core
        assertEquals(18, bigWave.size());
        for (List<Block> t : bigWave.subList(0, 14)) assertEquals(List.of(25000L), t.stream().map(Block::size).toList());
        for (List<Block> t : bigWave.subList(14, 18)) assertEquals(List.of(12500L), t.stream().map(Block::size).toList());
    }

    @Test
    void laterWavesLastAboutTheTargetInWholeRoundsAndTakeASmallRemainder() {
        // 400 tasks of 1000 seeds on 4 cores; measured 2000 trajectories/s, waves of 60 s → 120 000 = 120 tasks.
        WavePlan plan = WavePlan.of(blocks(400, 1000, 1000), 1000, 4, null);
        // (Each wave's last 4 tasks are halved: 4 more tasks, same seeds.) The first: 8 per core.
        assertEquals(32 + 4, plan.next(Double.NaN, 60).size());
        List<List<Block>> second = plan.next(2000, 60);
        assertEquals(120 + 4, second.size());
        assertEquals(120_000, second.stream().mapToLong(WavePlanTest::size).sum(), "whole rounds of the cores");
        assertEquals(120 + 4, plan.next(2000, 60).size());
        // 128 left: a wave of 120 would leave 8 ≤ 60 behind, so it takes them all.
        assertEquals(128 + 4, plan.next(2000, 60).size());
        assertFalse(plan.hasNext());
        // A slow measurement never shrinks a wave below 4 tasks per core.
        WavePlan slow = WavePlan.of(blocks(400, 1000, 1000), 1000, 4, null);
        slow.next(Double.NaN, 60);
        assertEquals(16_000, slow.next(1, 60).stream().mapToLong(WavePlanTest::size).sum());
    }

    @Test
    void explicitPartitionsSliceEachWaveOfFourTimesPBlocksAsSparkWould() {
        List<Block> blocks = blocks(1, 4000, 250); // 16 blocks
        WavePlan plan = WavePlan.of(blocks, 250, 8, 3);
        List<List<Block>> w = plan.next(Double.NaN, 60);
        assertEquals(List.of(4, 4, 4), w.stream().map(List::size).toList(), "12 blocks in 3 slices");
        List<List<Block>> rest = plan.next(1e9, 60);
        assertEquals(List.of(1, 1, 2), rest.stream().map(List::size).toList(), "4 blocks: [0,1), [1,2), [2,4)");
        assertFalse(plan.hasNext());
    }

    @Test
    void aSweepSmallerThanOneWaveIsOneWave() {
        WavePlan plan = WavePlan.of(blocks(12, 4000, 25000), 25000, 2, null); // the default preset's shape
        List<List<Block>> w = plan.next(Double.NaN, 60);
        assertEquals(14, w.size(), "12 cells of 4000 ≥ 48 000 / 8 per task: one block per task, all in one wave, the last two halved");
        assertFalse(plan.hasNext());
        for (List<Block> t : w.subList(0, 10)) assertEquals(4000, size(t));
        for (List<Block> t : w.subList(10, 14)) assertEquals(2000, size(t));
    }
}
