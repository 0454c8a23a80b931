package org.memsweep.jobs.sweep;

import static org.memsweep.analysis.table.Columns.CATEGORY;
import static org.memsweep.analysis.table.Columns.CELL_ID;
import static org.memsweep.analysis.table.Columns.COMPUTE_NS;
import static org.memsweep.analysis.table.Columns.CONVERGED;
import static org.memsweep.analysis.table.Columns.SEED_INDEX;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.memsweep.engine.cell.CategoryCounts;
import org.memsweep.engine.classify.Category;

/**
 * A cell's counts per category (and of non-converged flows, and compute time) over exactly its
 * seed indices below {@code seeds}: from the tasks' tallies for a cell written whole by this run,
 * else from its rows in trajectories/ (Spark groups; the driver adds). A cell whose counts do not
 * come to {@code seeds} is left out: it is not complete (a block failed).
 */
final class CellAggregation {
    private final Set<String> unseen;
    private final long seeds;

    /** @param unseen the cells that had no row before this run: only theirs can be counted from tallies */
    CellAggregation(Set<String> unseen, long seeds) {
        this.unseen = Set.copyOf(unseen);
        this.seeds = seeds;
    }

    /**
     * The counts of the complete cells among {@code ids}.
     *
     * @param tallies      what the tasks of this run reported
     * @param trajectories reads trajectories/ (null when it does not exist), for the cells the
     *                     tallies do not account for whole; not called when there are none
     */
    Map<String, CategoryCounts> counts(Set<String> ids, List<BlockTally> tallies, Supplier<Dataset<Row>> trajectories) {
        Map<String, CategoryCounts> out = new LinkedHashMap<>();
        Map<String, CategoryCounts> tallied = fromTallies(ids, tallies);
        Set<String> read = new LinkedHashSet<>();
        for (String id : ids) if (!tallied.containsKey(id)) read.add(id);
        Dataset<Row> table = read.isEmpty() ? null : trajectories.get();
        Map<String, CategoryCounts> fromRows = table == null ? Map.of() : fromRows(table, read);
        for (String id : ids) {
            CategoryCounts c = tallied.containsKey(id) ? tallied.get(id) : fromRows.get(id);
            // Complete only when every index below seeds has its row (each index is computed once).
            if (c != null && c.total() == seeds) out.put(id, c);
        }
        return out;
    }

    /** The summed tallies of the unseen cells among {@code ids} whose tallies account for exactly {@code seeds} rows. */
    Map<String, CategoryCounts> fromTallies(Set<String> ids, List<BlockTally> tallies) {
        Map<String, CategoryCounts> sum = new HashMap<>();
        for (BlockTally t : tallies) {
            if (!ids.contains(t.cellId()) || !unseen.contains(t.cellId())) continue;
            sum.computeIfAbsent(t.cellId(), x -> new CategoryCounts()).addAll(t.counts());
        }
        sum.values().removeIf(c -> c.total() != seeds);
        return sum;
    }

    /** Counts of the cells {@code ids} from their rows below {@code seeds}. */
    private Map<String, CategoryCounts> fromRows(Dataset<Row> trajectories, Set<String> ids) {
        Map<String, CategoryCounts> out = new HashMap<>();
        List<Row> grouped = trajectories
                .where(functions.col(CELL_ID).isin(ids.toArray()).and(functions.col(SEED_INDEX).lt(seeds)))
                .groupBy(CELL_ID, CATEGORY).agg(functions.count("*").as("k"), functions.sum(COMPUTE_NS).as("ns"),
                        functions.sum(functions.when(functions.col(CONVERGED), 0L).otherwise(1L)).as("u"))
                .collectAsList();
        for (Row r : grouped) {
            out.computeIfAbsent(r.getString(0), x -> new CategoryCounts())
                    .add(Category.valueOf(r.getString(1)), r.getLong(2), r.getLong(4), r.getLong(3));
        }
        return out;
    }
}
