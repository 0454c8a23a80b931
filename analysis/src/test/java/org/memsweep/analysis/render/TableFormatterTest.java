package org.memsweep.analysis.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import org.memsweep.analysis.render.TableFormatter.Format;

import scala.jdk.javaapi.CollectionConverters;

class TableFormatterTest {

    private static final StructType SCHEMA = DataTypes.createStructType(List.of(
            DataTypes.createStructField("name", DataTypes.StringType, true),
            DataTypes.createStructField("n", DataTypes.IntegerType, true),
            DataTypes.createStructField("frac", DataTypes.DoubleType, true),
            DataTypes.createStructField("ok", DataTypes.BooleanType, true)));

    private static Row row(Object... values) {
        return new GenericRowWithSchema(values, SCHEMA);
    }

    private static final List<Row> ROWS = List.of(
            row("orthogonal", 4, 0.123456789, true),
            row("a, \"quoted\"\nname", 1024, null, false),
            row(null, null, Double.NaN, null));

    @Test
    void table() {
        // Numbers right-aligned, text left-aligned, doubles to 6 digits, control characters made
        // visible so one row stays one line, NULL spelled out, a row count at the end.
        assertEquals(""
                + "name                  n      frac  ok\n"
                + "-----------------  ----  --------  -----\n"
                + "orthogonal            4  0.123457  true\n"
                + "a, \"quoted\"\\nname  1024      NULL  false\n"
                + "NULL               NULL       NaN  NULL\n"
                + "(3 rows)\n", TableFormatter.format(SCHEMA, ROWS, Format.TABLE));
        assertEquals("name\n----\n(0 rows)\n", TableFormatter.format(
                DataTypes.createStructType(List.of(SCHEMA.fields()[0])), List.of(), Format.TABLE));
    }

    @Test
    void csvQuotesOnlyWhenNeeded() {
        assertEquals(""
                + "name,n,frac,ok\n"
                + "orthogonal,4,0.123456789,true\n"
                + "\"a, \"\"quoted\"\"\nname\",1024,,false\n"
                + ",,NaN,\n", TableFormatter.format(SCHEMA, ROWS, Format.CSV));
    }

    @Test
    void jsonLinesEscapeAndKeepNullAndNaNValid() {
        assertEquals(""
                + "{\"name\":\"orthogonal\",\"n\":4,\"frac\":0.123456789,\"ok\":true}\n"
                + "{\"name\":\"a, \\\"quoted\\\"\\nname\",\"n\":1024,\"frac\":null,\"ok\":false}\n"
                + "{\"name\":null,\"n\":null,\"frac\":null,\"ok\":null}\n",
                TableFormatter.format(SCHEMA, ROWS, Format.JSON));
    }

    @Test
    void nestedValuesBecomeJson() {
        StructType schema = DataTypes.createStructType(List.of(
                DataTypes.createStructField("w", DataTypes.createArrayType(DataTypes.DoubleType), true)));
        Row r = new GenericRowWithSchema(new Object[] {CollectionConverters.asScala(List.of(1.5, -2.0)).toSeq()},
                schema);
        assertEquals("{\"w\":[1.5,-2.0]}\n", TableFormatter.format(schema, List.of(r), Format.JSON));
        assertEquals("w\n\"[1.5,-2.0]\"\n", TableFormatter.format(schema, List.of(r), Format.CSV));
    }

    @Test
    void timestampsAreIsoInstants() {
        StructType schema = DataTypes.createStructType(List.of(
                DataTypes.createStructField("started_at", DataTypes.TimestampType, true)));
        Row r = new GenericRowWithSchema(new Object[] {
                java.sql.Timestamp.from(java.time.Instant.parse("2026-01-02T03:04:05.250Z"))}, schema);
        assertEquals("{\"started_at\":\"2026-01-02T03:04:05.250Z\"}\n", TableFormatter.format(schema, List.of(r), Format.JSON));
        assertEquals("started_at\n2026-01-02T03:04:05.250Z\n", TableFormatter.format(schema, List.of(r), Format.CSV));
    }

    @Test
    void compactNumbers() {
        assertEquals("0.123457", TableFormatter.compactNumber(0.123456789));
        assertEquals("30", TableFormatter.compactNumber(30.0));
        assertEquals("0.5", TableFormatter.compactNumber(0.5));
        assertEquals("2.86652e-7", TableFormatter.compactNumber(2.8665157187919391e-7));
        assertEquals("1.5e10", TableFormatter.compactNumber(1.5e10));
        assertEquals("-0.0001", TableFormatter.compactNumber(-1e-4));
        assertEquals("0", TableFormatter.compactNumber(0.0));
        assertEquals("Infinity", TableFormatter.compactNumber(Double.POSITIVE_INFINITY));
    }

    @Test
    void formatNames() {
        assertEquals(Format.CSV, Format.parse("csv"));
        assertEquals(Format.JSON, Format.parse(" JSON "));
        assertEquals(Format.TABLE, Format.parse("Table"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Format.parse("xml"));
        assertEquals("unknown format 'xml' (use table, csv or json)", e.getMessage());
    }

    @Test
    void alignedTextPadsAndRightAligns() {
        String t = TableFormatter.alignedText(List.of("a", "bb"), List.of(List.of("xyz", "1"), List.of("q", "22")),
                new boolean[] {false, true});
        assertEquals("a    bb\n---  --\nxyz   1\nq    22\n", t);
    }
}
