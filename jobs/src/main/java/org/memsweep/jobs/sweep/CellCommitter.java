package org.memsweep.jobs.sweep;

import java.io.IOException;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.memsweep.analysis.table.Columns.CellAggregate;
import org.memsweep.analysis.table.Columns.CellKey;
import org.memsweep.engine.cell.CategoryCounts;
import org.memsweep.engine.cell.Cell;

/**
 * Commits the cells of a run to cells/ as they complete: after each wave, the cells whose every
 * missing seed has run get their row (aggregated over exactly their {@code seeds} indices) and the
 * table is swapped in, so a driver killed mid-sweep loses at most the wave in flight. Keeps what
 * the run committed and which cells failed.
 */
final class CellCommitter {
    private final CellsTable table;
    private final CellAggregation aggregation;
    private final Map<String, Cell> pending;
    private final String runId;
    private final Set<String> computed = new LinkedHashSet<>();
    private final Map<String, String> failed = new TreeMap<>();

    /** @param pending the cells this run computes, by id */
    CellCommitter(CellsTable table, CellAggregation aggregation, Map<String, Cell> pending, String runId) {
        this.table = table;
        this.aggregation = aggregation;
        this.pending = pending;
        this.runId = runId;
    }

    /** Records that a cell failed (the first reason given is kept): it gets no row. */
    void fail(String cellId, String why) {
        failed.putIfAbsent(cellId, why);
    }

    /**
     * Aggregates the {@code ready} cells (all their blocks run) that did not fail and swaps in a
     * cells table with their new rows; the {@code last} commit also writes the table when it does
     * not exist yet.
     *
     * @param tallies      what the tasks of this run reported so far
     * @param trajectories reads trajectories/ (only when some cell must be counted from its rows),
     *                     or gives null when it does not exist
     */
    void commit(Collection<String> ready, List<BlockTally> tallies, Supplier<Dataset<Row>> trajectories, boolean last)
            throws IOException {
        Set<String> ids = new LinkedHashSet<>(ready);
        ids.removeAll(failed.keySet());
        Map<String, Row> fresh = new LinkedHashMap<>();
        for (Map.Entry<String, CategoryCounts> e : aggregation.counts(ids, tallies, trajectories).entrySet()) {
            Cell cell = pending.get(e.getKey());
            fresh.put(e.getKey(), Schemas.cellRow(new CellKey(runId, cell.id(), cell.params()),
                    new CellAggregate(e.getValue(), cell.exactPrediction().orElse(null))));
        }
        for (String id : ids) {
            if (!fresh.containsKey(id)) fail(id, "rows missing after the run (a block failed)");
        }
        if (fresh.isEmpty() && (table.exists() || !last)) return;
        table.commit(fresh);
        computed.addAll(fresh.keySet());
    }

    /** Cells this run committed a row for. */
    int computedCount() {
        return computed.size();
    }

    /** Cells that failed, by id, with the first reason. */
    Map<String, String> failed() {
        return Collections.unmodifiableMap(failed);
    }
}
