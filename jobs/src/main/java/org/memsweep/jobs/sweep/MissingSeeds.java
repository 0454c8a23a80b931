package org.memsweep.jobs.sweep;

import static org.memsweep.analysis.table.Columns.CELL_ID;
import static org.memsweep.analysis.table.Columns.SEED_INDEX;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Which seed indices below {@code seeds} of each cell have no row in {@code trajectories/} yet: the
 * ranges a run must compute. Rows are a pure function of (cell, seed index), so computing exactly
 * these never writes a row twice.
 */
final class MissingSeeds {
    private MissingSeeds() {}

    /**
     * For each cell, the ranges [from, to) of seed indices below {@code seeds} that have no row.
     * One aggregate over (cell_id, seed_index); only a cell whose present indices are not a prefix
     * (a block failed, or a run died part-way) has its indices collected.
     *
     * @param trajectories the table, or null when it does not exist yet
     */
    static Map<String, List<long[]>> find(Dataset<Row> trajectories, Set<String> ids, long seeds) {
        Map<String, List<long[]>> out = new LinkedHashMap<>();
        for (String id : ids) out.put(id, List.of(new long[] {0, seeds}));
        if (ids.isEmpty() || trajectories == null) return out;
        Dataset<Row> t = trajectories.where(functions.col(CELL_ID).isin(ids.toArray()).and(functions.col(SEED_INDEX).lt(seeds)));
        List<String> gappy = new ArrayList<>();
        for (Row r : t.groupBy(CELL_ID).agg(functions.count("*"), functions.max(SEED_INDEX)).collectAsList()) {
            long count = r.getLong(1), max = r.getLong(2);
            if (count == max + 1) out.put(r.getString(0), count < seeds ? List.of(new long[] {count, seeds}) : List.of());
            else gappy.add(r.getString(0));
        }
        for (String id : gappy) {
            List<Row> present = t.where(functions.col(CELL_ID).equalTo(id)).select(SEED_INDEX).distinct().orderBy(SEED_INDEX).collectAsList();
            long[] indices = new long[present.size()];
            for (int i = 0; i < indices.length; i++) indices[i] = present.get(i).getLong(0);
            out.put(id, gaps(indices, seeds));
        }
        return out;
    }

    /** The ranges [from, to) below {@code seeds} that the ascending, distinct {@code present} indices leave out. */
    static List<long[]> gaps(long[] present, long seeds) {
        List<long[]> gaps = new ArrayList<>();
        long next = 0;
        for (long i : present) {
            if (i > next) gaps.add(new long[] {next, i});
            next = i + 1;
        }
        if (next < seeds) gaps.add(new long[] {next, seeds});
        return gaps;
    }
}
