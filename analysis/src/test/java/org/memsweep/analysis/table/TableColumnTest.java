package org.memsweep.analysis.table;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

class TableColumnTest {
    record Source(long l, double x, int i, boolean b, String s) {}

    private static final Source S = new Source(-3L, -0.0, 7, true, "text");

    @Test
    void unboxedReadersDeclareTheirTypeAndBoxTheSameValue() {
        TableColumn<Source> l = TableColumn.ofLong("l", Source::l);
        TableColumn<Source> x = TableColumn.ofDouble("x", Source::x);
        TableColumn<Source> i = TableColumn.ofInt("i", Source::i);
        TableColumn<Source> b = TableColumn.ofBoolean("b", Source::b);
        assertEquals(List.of(DataTypes.LongType, DataTypes.DoubleType, DataTypes.IntegerType, DataTypes.BooleanType),
                List.of(l.type(), x.type(), i.type(), b.type()));
        for (TableColumn<Source> c : List.of(l, x, i, b)) assertFalse(c.nullable(), c.name() + ": a primitive is never null");
        assertEquals(-3L, ((TableColumn.LongReader<Source>) l.reader()).readLong(S));
        assertEquals(Long.valueOf(-3L), l.read(S));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits((Double) x.read(S)), "-0 stays -0 boxed");
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(((TableColumn.DoubleReader<Source>) x.reader()).readDouble(S)));
        assertEquals(7, ((TableColumn.IntReader<Source>) i.reader()).readInt(S));
        assertEquals(Integer.valueOf(7), i.read(S));
        assertTrue(((TableColumn.BooleanReader<Source>) b.reader()).readBoolean(S));
        assertEquals(Boolean.TRUE, b.read(S));
        assertEquals(DataTypes.createStructField("l", DataTypes.LongType, false), l.field());
    }

    @Test
    void readAllWritesEveryColumnInOrder() {
        List<TableColumn<Source>> cs = List.of(new TableColumn<>("s", DataTypes.StringType, false, Source::s),
                TableColumn.ofInt("i", Source::i), TableColumn.ofLong("l", Source::l));
        Object[] out = new Object[5];
        assertEquals(4, TableColumn.readAll(cs, S, out, 1));
        assertArrayEquals(new Object[] {null, "text", 7, -3L, null}, out);
    }
}
