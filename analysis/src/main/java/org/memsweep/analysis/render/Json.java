package org.memsweep.analysis.render;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * The one JSON writer of every command ({@code sql --format json}, {@code simulate --json}, the
 * spec recorded in the runs table): compact JSON text for maps (keys in iteration order),
 * collections, {@code double[]}, numbers, booleans, strings and null; anything else is written as
 * its {@code String.valueOf} text. Jackson does the escaping.
 *
 * <p>One rule for the non-numbers: NaN, +∞ and −∞ (a diverged endpoint's metrics, an undefined
 * fraction) are written as {@code null}, because JSON has no literal for them and {@code null} is
 * what every strict JSON parser accepts. Finite doubles keep every digit ({@link Double#toString}),
 * decimals are written in plain notation.
 */
public final class Json {
    private Json() {}

    private static final JsonFactory FACTORY = new JsonFactory();

    /** {@code value} as one line of JSON. */
    public static String write(Object value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(value, g);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    private static void write(Object v, JsonGenerator g) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Double || v instanceof Float) {
            number(((Number) v).doubleValue(), v, g);
        } else if (v instanceof BigDecimal bd) {
            g.writeNumber(bd.toPlainString());
        } else if (v instanceof BigInteger bi) {
            g.writeNumber(bi);
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).intValue());
        } else if (v instanceof Number n) {
            g.writeNumber(n.toString());
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                write(e.getValue(), g);
            }
            g.writeEndObject();
        } else if (v instanceof Collection<?> c) {
            g.writeStartArray();
            for (Object o : c) {
                write(o, g);
            }
            g.writeEndArray();
        } else if (v instanceof double[] a) {
            g.writeStartArray();
            for (double d : a) {
                number(d, d, g);
            }
            g.writeEndArray();
        } else {
            g.writeString(String.valueOf(v));
        }
    }

    /** A finite number with the digits of its own type's {@code toString}; NaN and ±∞ as null. */
    private static void number(double d, Object boxed, JsonGenerator g) throws IOException {
        if (!Double.isFinite(d)) {
            g.writeNull();
        } else if (boxed instanceof Float f) {
            g.writeNumber(f);
        } else {
            g.writeNumber(d);
        }
    }
}
