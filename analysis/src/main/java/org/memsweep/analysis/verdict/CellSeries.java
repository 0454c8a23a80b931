package org.memsweep.analysis.verdict;

import org.memsweep.analysis.table.Columns;
import org.memsweep.analysis.render.TableFormatter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * The cells of one <em>series</em>: cells sharing the value of every parameter except {@code n}, so
 * that along a series only the training-set size changes. Parameters are discovered from the
 * schema ({@link Columns#parameterColumns}), so a new sweep axis splits series without code changes.
 *
 * @param parameters  every parameter except n, in schema order (values as read; may be null)
 * @param description the parameters that differ between series as {@code name=value, …}, or
 *                    {@code "all cells"} when there is one series
 * @param n           the n of each cell, ascending, aligned with {@code cells}
 * @param cells       the cells' rows, sorted by n
 */
public record CellSeries(Map<String, Object> parameters, String description, List<Long> n, List<Row> cells) {

    public CellSeries {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        n = List.copyOf(n);
        cells = List.copyOf(cells);
    }

    /** The distinct n values, ascending. */
    List<Long> distinctN() {
        return n.stream().distinct().toList();
    }

    /** The description of one of this series' cells: the series description plus its n. */
    String describeCell(long cellN) {
        String nPart = Columns.N + "=" + cellN;
        return ALL.equals(description) ? nPart : description + ", " + nPart;
    }

    private static final String ALL = "all cells";

    /**
     * Groups cells rows into series ordered by their parameter values (numbers numerically).
     * Rows without an n are ignored: they belong to no point on any N axis.
     */
    public static List<CellSeries> of(StructType schema, List<Row> rows) {
        List<String> params = new ArrayList<>(Columns.parameterColumns(schema));
        if (!params.remove(Columns.N)) {
            throw new IllegalArgumentException("the cells table has no column '" + Columns.N + "'");
        }
        int nIdx = schema.fieldIndex(Columns.N);
        int[] idx = params.stream().mapToInt(schema::fieldIndex).toArray();

        Map<List<Object>, List<Row>> groups = new TreeMap<>(VALUES_ORDER);
        for (Row r : rows) {
            if (r.isNullAt(nIdx)) {
                continue;
            }
            List<Object> key = new ArrayList<>(idx.length);
            for (int i : idx) {
                key.add(r.get(i));
            }
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        }
        // A parameter a cell does not use is NULL; it tells series apart only through the parameters
        // that decide its use (e.g. flow), so only non-null values that differ name a series — unless
        // that would leave two series with one name.
        List<String> varying = varying(params, groups.keySet(), false);
        boolean withNulls = !distinctNames(params, varying, groups.keySet());
        if (withNulls) {
            varying = varying(params, groups.keySet(), true);
        }

        List<CellSeries> out = new ArrayList<>();
        for (Map.Entry<List<Object>, List<Row>> g : groups.entrySet()) {
            Map<String, Object> values = new LinkedHashMap<>();
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < params.size(); i++) {
                values.put(params.get(i), g.getKey().get(i));
                if (varying.contains(params.get(i)) && (withNulls || g.getKey().get(i) != null)) {
                    parts.add(params.get(i) + "=" + TableFormatter.tableText(g.getKey().get(i)));
                }
            }
            List<Row> sorted = new ArrayList<>(g.getValue());
            sorted.sort(Comparator.comparingLong(r -> ((Number) r.get(nIdx)).longValue()));
            List<Long> ns = sorted.stream().map(r -> ((Number) r.get(nIdx)).longValue()).toList();
            out.add(new CellSeries(values, parts.isEmpty() ? ALL : String.join(", ", parts), ns, sorted));
        }
        return out;
    }

    /** Whether the non-null values of the {@code varying} parameters name every series differently. */
    private static boolean distinctNames(List<String> names, List<String> varying, java.util.Collection<List<Object>> keys) {
        Set<List<Object>> seen = new HashSet<>();
        for (List<Object> k : keys) {
            List<Object> name = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                if (varying.contains(names.get(i)) && k.get(i) != null) name.add(names.get(i) + "=" + k.get(i));
            }
            if (!seen.add(name)) return false;
        }
        return true;
    }

    private static List<String> varying(List<String> names, java.util.Collection<List<Object>> keys, boolean withNulls) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            Set<Object> seen = new HashSet<>();
            for (List<Object> k : keys) {
                if (withNulls || k.get(i) != null) seen.add(k.get(i));
            }
            if (seen.size() > 1) {
                out.add(names.get(i));
            }
        }
        return out;
    }

    /** Orders parameter tuples element by element: nulls first, numbers numerically, else as text. */
    private static final Comparator<List<Object>> VALUES_ORDER = (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = compareValues(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    };

    private static int compareValues(Object x, Object y) {
        if (Objects.equals(x, y)) {
            return 0;
        }
        if (x == null) {
            return -1;
        }
        if (y == null) {
            return 1;
        }
        if (x instanceof Number nx && y instanceof Number ny) {
            int c = Double.compare(nx.doubleValue(), ny.doubleValue());
            return c != 0 ? c : x.toString().compareTo(y.toString());
        }
        return x.toString().compareTo(y.toString());
    }
}
