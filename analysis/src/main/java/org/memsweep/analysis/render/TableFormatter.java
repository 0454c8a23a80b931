package org.memsweep.analysis.render;

import org.memsweep.analysis.table.Columns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

import scala.jdk.javaapi.CollectionConverters;

/**
 * Renders query results for a terminal or a pipe: an aligned text table, CSV (RFC 4180) or JSON
 * lines (one object per row, keys in column order).
 *
 * <p>The text table is for reading, so doubles are shown to 6 significant digits and NULL is
 * spelled out. CSV and JSON are for other programs, so doubles keep every digit
 * ({@link Double#toString}), NULL is an empty CSV field or a JSON {@code null}, and JSON follows
 * {@link Json}'s rule for the non-numbers (NaN and ±Infinity are {@code null}; CSV keeps their
 * names). Arrays, maps and structs become JSON arrays and objects; in the table and CSV they are
 * written in that JSON form.
 */
public final class TableFormatter {
    private TableFormatter() {}

    /** Output format, as given to {@code --format}. */
    public enum Format {
        TABLE, CSV, JSON;

        /** Parses {@code table|csv|json} (any case); fails with the list of valid names. */
        public static Format parse(String name) {
            for (Format f : values()) {
                if (f.name().equalsIgnoreCase(name.trim())) {
                    return f;
                }
            }
            throw new IllegalArgumentException("unknown format '" + name + "' (use table, csv or json)");
        }
    }

    /** The whole result as one string (collects every row to the driver). */
    public static String format(Dataset<Row> rows, Format format) {
        StringBuilder sb = new StringBuilder();
        write(rows, format, sb);
        return sb.toString();
    }

    /**
     * Writes the result to {@code out}. CSV and JSON stream one partition at a time, so a large
     * result need not fit in driver memory; the table needs every row first to size its columns.
     */
    public static void write(Dataset<Row> rows, Format format, Appendable out) {
        StructType schema = rows.schema();
        if (format == Format.TABLE) {
            write(schema, rows.collectAsList().iterator(), format, out);
        } else {
            write(schema, rows.toLocalIterator(), format, out);
        }
    }

    /** Rows already on the driver, as one string. */
    public static String format(StructType schema, List<Row> rows, Format format) {
        StringBuilder sb = new StringBuilder();
        write(schema, rows.iterator(), format, sb);
        return sb.toString();
    }

    private static void write(StructType schema, Iterator<Row> rows, Format format, Appendable out) {
        String[] names = schema.fieldNames();
        try {
            switch (format) {
                case TABLE -> {
                    List<List<String>> cells = new ArrayList<>();
                    boolean[] numeric = new boolean[names.length];
                    while (rows.hasNext()) {
                        Row r = rows.next();
                        List<String> line = new ArrayList<>(names.length);
                        for (int i = 0; i < names.length; i++) {
                            Object v = r.get(i);
                            numeric[i] |= v instanceof Number;
                            line.add(tableText(v));
                        }
                        cells.add(line);
                    }
                    out.append(alignedText(List.of(names), cells, numeric));
                    out.append('(').append(String.valueOf(cells.size()))
                            .append(cells.size() == 1 ? " row)\n" : " rows)\n");
                }
                case CSV -> {
                    out.append(csvLine(List.of(names)));
                    while (rows.hasNext()) {
                        Row r = rows.next();
                        List<String> line = new ArrayList<>(names.length);
                        for (int i = 0; i < names.length; i++) {
                            Object v = r.get(i);
                            line.add(v == null ? "" : exactText(v));
                        }
                        out.append(csvLine(line));
                    }
                }
                case JSON -> {
                    while (rows.hasNext()) {
                        Row r = rows.next();
                        Map<String, Object> obj = new LinkedHashMap<>();
                        for (int i = 0; i < names.length; i++) {
                            obj.put(names[i], toJava(r.get(i)));
                        }
                        out.append(Json.write(obj)).append('\n');
                    }
                }
                default -> throw new IllegalStateException(format.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Columns padded to their widest entry, separated by two spaces, the header underlined with
     * dashes; columns flagged in {@code rightAligned} (numbers) are padded on the left.
     */
    static String alignedText(List<String> header, List<List<String>> rows, boolean[] rightAligned) {
        int[] width = new int[header.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = header.get(i).length();
        }
        for (List<String> row : rows) {
            for (int i = 0; i < width.length; i++) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        appendAligned(sb, header, width, rightAligned);
        List<String> rule = new ArrayList<>();
        for (int w : width) {
            rule.add("-".repeat(w));
        }
        appendAligned(sb, rule, width, rightAligned);
        for (List<String> row : rows) {
            appendAligned(sb, row, width, rightAligned);
        }
        return sb.toString();
    }

    private static void appendAligned(StringBuilder sb, List<String> cells, int[] width, boolean[] right) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < width.length; i++) {
            if (i > 0) {
                line.append("  ");
            }
            String c = cells.get(i);
            String pad = " ".repeat(width[i] - c.length());
            line.append(right != null && right[i] ? pad + c : c + pad);
        }
        // Trailing blanks of the last (left-aligned) column only make lines wrap on narrow terminals.
        sb.append(line.toString().stripTrailing()).append('\n');
    }

    /**
     * A value for the text table: NULL spelled out, doubles to 6 significant digits, line breaks
     * and tabs written as the two characters {@code \n}, {@code \r}, {@code \t} so a row stays on one line.
     */
    public static String tableText(Object v) {
        if (v == null) {
            return "NULL";
        }
        if (v instanceof Double || v instanceof Float) {
            return compactNumber(((Number) v).doubleValue());
        }
        return exactText(v).replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
    }

    /** A double to 6 significant digits, without trailing zeros; scientific when tiny or huge. */
    public static String compactNumber(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return Double.toString(x);
        }
        if (x == 0) {
            return "0";
        }
        BigDecimal b = new BigDecimal(x).round(new MathContext(6)).stripTrailingZeros();
        double a = Math.abs(x);
        if (a >= 1e-4 && a < 1e9) {
            return b.toPlainString();
        }
        // BigDecimal writes 2.86652E-7 and 1.5E+10; lower-case and without '+' they read like doubles.
        return b.toString().replace("E+", "e").replace('E', 'e');
    }

    /** A value with every digit kept: CSV fields and nested values. */
    private static String exactText(Object v) {
        Object j = toJava(v);
        if (j instanceof List || j instanceof Map) {
            return Json.write(j);
        }
        if (j instanceof BigDecimal bd) {
            return bd.toPlainString();
        }
        return String.valueOf(j);
    }

    private static String csvLine(List<String> fields) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            String f = fields.get(i);
            if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
                sb.append('"').append(f.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(f);
            }
        }
        return sb.append('\n').toString();
    }

    /**
     * Spark values as plain Java, so one code path renders them: Scala collections and nested rows
     * as lists and maps (at any depth), binary as base64 text, timestamps as ISO-8601 UTC instants
     * (the same text whatever the reader's time zone).
     */
    private static Object toJava(Object v) {
        if (v instanceof scala.collection.Seq<?> seq) {
            List<Object> out = new ArrayList<>();
            for (Object o : CollectionConverters.asJava(seq)) {
                out.add(toJava(o));
            }
            return out;
        }
        if (v instanceof scala.collection.Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : CollectionConverters.asJava(map).entrySet()) {
                out.put(String.valueOf(toJava(e.getKey())), toJava(e.getValue()));
            }
            return out;
        }
        if (v instanceof Row row) {
            Map<String, Object> out = new LinkedHashMap<>();
            String[] names = row.schema() == null ? null : row.schema().fieldNames();
            for (int i = 0; i < row.length(); i++) {
                out.put(names == null ? "_" + (i + 1) : names[i], toJava(row.get(i)));
            }
            return out;
        }
        if (v instanceof byte[] bytes) {
            return Base64.getEncoder().encodeToString(bytes);
        }
        if (v instanceof java.sql.Timestamp ts) {
            return ts.toInstant().toString();
        }
        return v;
    }
}
