package org.memsweep.analysis.verdict;

import org.memsweep.analysis.table.TableFixture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

class CellSeriesTest {

    @Test
    void groupsByEveryParameterButN() {
        List<CellSeries> series = CellSeries.of(TableFixture.cellsSchema(),
                TableFixture.cellRows(TableFixture.standard()));
        assertEquals(List.of("d=16", "d=32", "d=64"), series.stream().map(CellSeries::description).toList());
        assertEquals(List.of(4L, 8L, 16L), series.get(0).n());
        assertEquals(List.of(8L), series.get(2).distinctN());
        assertEquals(16, series.get(0).parameters().get("d"));
        assertNull(series.get(0).parameters().get("kappa"));
        assertEquals(false, series.get(0).parameters().containsKey("n"));
        assertEquals("d=32, n=8", series.get(1).describeCell(8));
    }

    @Test
    void numbersSortNumericallyAndCellsByN() {
        List<Row> rows = TableFixture.cellRows(List.of(
                TableFixture.cell(16, 100, 1, 1, 1, 1, 1, 0),
                TableFixture.cell(4, 100, 1, 1, 1, 1, 1, 0),
                TableFixture.cell(8, 8, 1, 1, 1, 1, 1, 0)));
        List<CellSeries> series = CellSeries.of(TableFixture.cellsSchema(), rows);
        assertEquals(List.of("d=8", "d=100"), series.stream().map(CellSeries::description).toList());
        assertEquals(List.of(4L, 16L), series.get(1).n());
        assertEquals("cell-n4-d100", series.get(1).cells().get(0).getAs("cell_id"));
    }

    @Test
    void aSingleSeriesIsAllCells() {
        List<Row> rows = TableFixture.cellRows(List.of(
                TableFixture.cell(4, 16, 1, 1, 1, 1, 1, 0), TableFixture.cell(8, 16, 1, 1, 1, 1, 1, 0)));
        List<CellSeries> series = CellSeries.of(TableFixture.cellsSchema(), rows);
        assertEquals(1, series.size());
        assertEquals("all cells", series.get(0).description());
        assertEquals("n=8", series.get(0).describeCell(8));
    }

    @Test
    void needsAnNColumn() {
        StructType noN = DataTypes.createStructType(List.of(
                DataTypes.createStructField("d", DataTypes.IntegerType, true),
                DataTypes.createStructField("seeds", DataTypes.LongType, true)));
        assertThrows(IllegalArgumentException.class, () -> CellSeries.of(noN, List.of()));
    }

    /** Parameters a cell does not use are NULL: they name no series unless nothing else tells two apart. */
    @Test
    void unusedParametersDoNotNameSeries() {
        StructType schema = DataTypes.createStructType(List.of(
                DataTypes.createStructField("n", DataTypes.IntegerType, true),
                DataTypes.createStructField("flow", DataTypes.StringType, true),
                DataTypes.createStructField("steps", DataTypes.IntegerType, true),
                DataTypes.createStructField("eta", DataTypes.DoubleType, true)));
        List<CellSeries> two = CellSeries.of(schema, List.of(
                org.apache.spark.sql.RowFactory.create(2, "probability", 150, null),
                org.apache.spark.sql.RowFactory.create(2, "score", null, 0.5)));
        assertEquals(List.of("flow=probability", "flow=score"), two.stream().map(CellSeries::description).toList());

        List<CellSeries> three = CellSeries.of(schema, List.of(
                org.apache.spark.sql.RowFactory.create(2, "probability", 150, null),
                org.apache.spark.sql.RowFactory.create(2, "probability", 300, null),
                org.apache.spark.sql.RowFactory.create(2, "score", null, 0.5)));
        assertEquals(List.of("flow=probability, steps=150", "flow=probability, steps=300", "flow=score"),
                three.stream().map(CellSeries::description).toList());

        // Only a NULL tells these two apart: then it names them.
        List<CellSeries> nullOnly = CellSeries.of(schema, List.of(
                org.apache.spark.sql.RowFactory.create(2, "score", null, 0.5),
                org.apache.spark.sql.RowFactory.create(2, "score", 150, 0.5)));
        assertEquals(List.of("steps=NULL", "steps=150"), nullOnly.stream().map(CellSeries::description).toList());
    }
}
