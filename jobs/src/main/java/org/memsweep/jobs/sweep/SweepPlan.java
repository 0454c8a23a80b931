package org.memsweep.jobs.sweep;

import static org.memsweep.analysis.table.Columns.SEEDS;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.spark.sql.Row;
import org.memsweep.engine.cell.Cell;

/**
 * What a run computes: the cells it skips, the cells it (re)computes, and the blocks of their
 * missing seed indices. The integrity check of cells/ against trajectories/: a committed cell is
 * skipped only when its row counts at least {@code seeds} and none of its rows below {@code seeds}
 * is missing, so rows lost since (a deleted folder or file) are computed again and its row rewritten.
 *
 * @param pending the cells to compute, by id, in the spec's order
 * @param skipped how many cells are complete already
 * @param blocks  the seed-index ranges to compute, at most {@code blockSize} each, cell by cell
 * @param unseen  the pending cells with no row at all below {@code seeds} before this run (their
 *                counts can come from the tasks' tallies alone)
 */
record SweepPlan(Map<String, Cell> pending, int skipped, List<Block> blocks, Set<String> unseen) {

    /**
     * @param committed the committed cells/ row of a cell id, or null
     * @param missing   per cell id, the ranges [from, to) of seed indices without a row ({@link MissingSeeds})
     */
    static SweepPlan of(List<Cell> cells, Function<String, Row> committed, Map<String, List<long[]>> missing,
                        long seeds, long blockSize) {
        Map<String, Cell> pending = new LinkedHashMap<>();
        int skipped = 0;
        for (Cell c : cells) {
            Row have = committed.apply(c.id());
            if (have != null && have.<Long>getAs(SEEDS) >= seeds && missing.get(c.id()).isEmpty()) {
                skipped++;
                continue;
            }
            pending.put(c.id(), c);
        }
        List<Block> blocks = new ArrayList<>();
        Set<String> unseen = new HashSet<>();
        for (Cell c : pending.values()) {
            LinkedHashMap<String, Object> params = new LinkedHashMap<>(c.params().toMap());
            List<long[]> ranges = missing.get(c.id());
            for (long[] range : ranges) {
                for (long from = range[0]; from < range[1]; from += blockSize) {
                    blocks.add(new Block(c.id(), params, from, Math.min(range[1], from + blockSize)));
                }
            }
            if (ranges.size() == 1 && ranges.get(0)[0] == 0 && ranges.get(0)[1] == seeds) unseen.add(c.id());
        }
        return new SweepPlan(Collections.unmodifiableMap(pending), skipped, List.copyOf(blocks), Collections.unmodifiableSet(unseen));
    }
}
