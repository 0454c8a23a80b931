package org.memsweep.jobs.cli;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.memsweep.jobs.sweep.ForklessLocalFileSystem;

/** Builds the driver's SparkSession the same way for every command. */
public final class Spark {
    private Spark() {}

    /**
     * @param master explicit --master, or null: keep what spark-submit set, else {@code local[*]}.
     *               Local masters get 4 attempts per task ({@code local[K,4]}), as a cluster would.
     */
    public static SparkSession session(String app, String master, boolean verbose) {
        MasterUrl.check(master);
        if (!verbose) {
            // Before the context starts, so its start-up INFO lines stay quiet under spark-submit too.
            org.apache.logging.log4j.core.config.Configurator.setRootLevel(org.apache.logging.log4j.Level.WARN);
            org.apache.logging.log4j.core.config.Configurator.setLevel("org.apache.spark", org.apache.logging.log4j.Level.WARN);
            org.apache.logging.log4j.core.config.Configurator.setLevel("org.apache.hadoop", org.apache.logging.log4j.Level.ERROR);
            org.apache.logging.log4j.core.config.Configurator.setLevel("org.apache.parquet", org.apache.logging.log4j.Level.ERROR);
        }
        SparkConf conf = new SparkConf();
        String m = master != null ? master : conf.get("spark.master", "local[*]");
        if (m.matches("local\\[[^,\\]]+\\]")) m = m.substring(0, m.length() - 1) + ",4]";
        else if (m.equals("local")) m = "local[1,4]";
        boolean local = m.startsWith("local");
        SparkSession.Builder b = SparkSession.builder().appName(app).master(m)
                .config("spark.ui.showConsoleProgress", verbose)
                .config("spark.sql.shuffle.partitions", local ? "8" : conf.get("spark.sql.shuffle.partitions", "200"))
                .config("spark.sql.sources.partitionOverwriteMode", "static")
                .config("spark.hadoop.parquet.enable.summary-metadata", "false")
                .config("spark.sql.debug.maxToStringFields", "1000");
        if (local) b.config("spark.ui.enabled", conf.get("spark.ui.enabled", "false"));
        // Local masters: file: without a chmod process per folder and file (4 per task). Executors on a
        // cluster keep Hadoop's own: the class must load wherever Hadoop builds a file system, and there
        // memsweep's jar may come later than that.
        String fileSystem = "spark.hadoop." + ForklessLocalFileSystem.KEY;
        if (local) b.config(fileSystem, conf.get(fileSystem, ForklessLocalFileSystem.class.getName()));
        // No spark-warehouse/, metastore_db/ or derby.log in the user's folder: memsweep needs no metastore.
        b.config("spark.sql.catalogImplementation", "in-memory");
        if (!conf.contains("spark.sql.warehouse.dir")) b.config("spark.sql.warehouse.dir", temporaryWarehouse());
        SparkSession s = b.getOrCreate();
        s.sparkContext().setLogLevel(verbose ? "INFO" : "WARN");
        return s;
    }

    private static String warehouse;

    /**
     * A driver-local folder for the catalog's warehouse (which the in-memory catalog creates on first
     * use, even for a failed query), named here and removed when the JVM exits.
     */
    private static synchronized String temporaryWarehouse() {
        if (warehouse == null) {
            java.nio.file.Path dir = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"),
                    "memsweep-warehouse-" + java.util.UUID.randomUUID());
            LocalFolders.deleteOnExit(dir);
            warehouse = dir.toUri().toString();
        }
        return warehouse;
    }
}
