package org.memsweep.jobs.bank;

import static org.memsweep.analysis.table.Columns.*;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.memsweep.analysis.table.TableColumn;
import org.memsweep.engine.InvalidParameterException;
import org.memsweep.engine.bank.NetworkArrays;
import org.memsweep.jobs.sweep.DataFiles;

/**
 * The {@code bank/} table of an output root (science.md §3.4): one row per trained network, columns
 * {@link org.memsweep.analysis.table.Columns#BANK_COLUMNS}. Rows are only ever appended, a whole
 * Parquet file per finished chain; reading checks that the folder is a bank (its files whole, every
 * column there with its type) and that each row it returns decodes into a network.
 */
public final class BankTable {
    private BankTable() {}

    /** The Spark schema of bank/. */
    public static StructType schema() {
        List<StructField> f = new ArrayList<>();
        for (TableColumn<?> c : BANK_COLUMNS) f.add(c.field());
        return DataTypes.createStructType(f);
    }

    /**
     * The rows of {@code keys} the bank at {@code root} holds, by key (none when there is no bank
     * yet). A folder that is not a bank, a damaged file or a row that does not decode (wrong array
     * length, a NaN or infinite weight) is an {@link InvalidParameterException} naming it.
     */
    public static Map<String, Row> read(SparkSession spark, FileSystem fs, Path root, List<String> keys) throws IOException {
        Path bank = new Path(root, BANK);
        Map<String, Row> rows = new LinkedHashMap<>();
        if (!fs.exists(bank)) return rows;
        if (!fs.getFileStatus(bank).isDirectory()) throw notABank(bank, "it is a file");
        DataFiles.requireWhole(fs, bank);
        if (!hasDataFiles(fs, bank)) return rows; // a run killed before its first chain finished
        Dataset<Row> table = spark.read().parquet(bank.toString());
        StructType found = table.schema();
        for (StructField want : schema().fields()) {
            int i = java.util.Arrays.asList(found.fieldNames()).indexOf(want.name());
            if (i < 0) throw notABank(bank, "it has no column " + want.name());
            if (!found.fields()[i].dataType().sameType(want.dataType())) {
                throw notABank(bank, "its column " + want.name() + " is " + found.fields()[i].dataType().simpleString()
                        + ", not " + want.dataType().simpleString());
            }
        }
        for (Row r : table.where(functions.col(BANK_KEY).isin(keys.toArray())).collectAsList()) {
            String key = r.getAs(BANK_KEY);
            network(r).toNetwork(key); // checks the row
            rows.putIfAbsent(key, r);
        }
        return rows;
    }

    /** The network arrays of a bank/ row (unchecked: {@link NetworkArrays#toNetwork} checks them). */
    public static NetworkArrays network(Row r) {
        return new NetworkArrays(intOr(r, NET_D), intOr(r, NET_WIDTH), doubles(r, NET_A), doubles(r, NET_W), doubles(r, NET_B),
                doubles(r, NET_V), doubles(r, NET_C));
    }

    private static int intOr(Row r, String column) {
        Object v = r.getAs(column);
        return v == null ? 0 : (Integer) v;
    }

    private static double[] doubles(Row r, String column) {
        List<Object> l = r.getList(r.fieldIndex(column));
        if (l == null) return null;
        double[] x = new double[l.size()];
        for (int i = 0; i < x.length; i++) {
            Object v = l.get(i);
            x[i] = v == null ? Double.NaN : (Double) v; // a null element is as unusable as NaN
        }
        return x;
    }

    private static boolean hasDataFiles(FileSystem fs, Path bank) throws IOException {
        org.apache.hadoop.fs.RemoteIterator<org.apache.hadoop.fs.LocatedFileStatus> it = fs.listFiles(bank, true);
        while (it.hasNext()) {
            Path p = it.next().getPath();
            if (p.getName().endsWith(".parquet") && !p.toString().contains("/_temporary/")) return true;
        }
        return false;
    }

    private static InvalidParameterException notABank(Path bank, String why) {
        return new InvalidParameterException("out", bank.getParent().toString(), "an output root whose " + BANK
                + "/ is a memsweep denoiser bank (" + bank + " is not: " + why + ")");
    }
}
