package org.memsweep.analysis.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.memsweep.analysis.table.Columns;
import org.memsweep.analysis.table.Columns.Outcome;
import org.memsweep.analysis.table.ExperimentTables;
import org.memsweep.analysis.table.SqlQuery;
import org.memsweep.analysis.table.TableColumn;
import org.memsweep.analysis.table.TableFixture;
import org.memsweep.engine.bank.NetworkArrays;
import org.memsweep.engine.train.TrainResult;

/**
 * The experiments' and the bank's rows read from small real tables (written here with the schemas the
 * commands write them with), and the report sections rendered from them.
 */
class ExperimentDataTest {
    /** The fixture root and the roots copied from it, for the whole class: its tests share them. */
    @TempDir
    static Path tmp;
    static Path root;
    static ExperimentData data;

    @BeforeAll
    static void write() throws Exception {
        SparkSession spark = TableFixture.spark();
        root = Files.createDirectory(tmp.resolve("experiment-data"));
        // virtual_points: an older run (k = 2 only) and a newer one (k = 2 and 3, both denoisers).
        List<Row> vp = new ArrayList<>();
        vp.add(vpRow("run-a", "trained", 2, 400, 435, 0.5));
        vp.add(vpRow("run-b", "trained", 2, 417, 435, 0.0092));
        vp.add(vpRow("run-b", "trained", 3, 2877, 4060, 0.0092));
        vp.add(vpRow("run-b", "closed-form", 2, 435, 435, 0.0092));
        vp.add(vpRow("run-b", "closed-form", 3, 4060, 4060, 0.0092));
        spark.createDataFrame(vp, ExperimentTables.virtualPoints()).write().parquet(root.resolve(SqlQuery.VIRTUAL_POINTS_TABLE).toString());
        List<Row> flows = new ArrayList<>();
        // counts: apex, training, virtual, manifold, other, diverged (of 10), boundary
        flows.add(flowsRow("score", "trained", new long[] {0, 1, 7, 0, 2, 0}, 0, new double[] {0.004}, new boolean[] {false}));
        flows.add(flowsRow("probability", "trained", new long[] {1, 3, 1, 5, 0, 0}, 4, new double[] {0.9, 0.002}, new boolean[] {false, true}));
        flows.add(flowsRow("score", "closed-form", new long[] {0, 0, 10, 0, 0, 0}, 0, new double[0], new boolean[0]));
        spark.createDataFrame(flows, ExperimentTables.flows()).write().parquet(root.resolve(SqlQuery.FLOWS_TABLE).toString());
        List<Row> bank = new ArrayList<>();
        bank.add(bankRow("k1", 0.1, 0.002, true, new double[] {2.0, 0.5, 0.1}));
        bank.add(bankRow("k2", 2.0, 1.2, false, new double[] {2.0, 0.5, 0.1}));
        bank.add(bankRow("k3", 0.5, 0.3, false, new double[] {2.0, 0.5, 0.1}));
        bank.add(bankRow("k4", 0.05, 0.14, false, new double[] {0.05}));
        StructType schema = new StructType(Columns.BANK_COLUMNS.stream().map(TableColumn::field).toArray(org.apache.spark.sql.types.StructField[]::new));
        spark.createDataFrame(bank, schema).write().parquet(root.resolve(Columns.BANK).toString());
        data = ExperimentData.read(spark, root.toString());
    }

    private static Row vpRow(String run, String denoiser, int k, long stable, long total, double residual) {
        List<Object> v = new ArrayList<>(List.of(run, new Timestamp(0), denoiser, k, stable, total, (double) stable / total, 0.9 * stable / total,
                Math.min(1, 1.1 * stable / total), k == 2 ? 429L : 3390L, k == 2 ? 429 / 435.0 : 3390 / 4060.0));
        for (int i = 0; i < 6; i++) v.add(0L);
        v.addAll(List.of(0L, total, 30, 31, 0.05, Math.sqrt(30), 0.2, 200, "width=256", 93.5, residual, 8000L, 300.0, false, 132.7, 0L));
        return RowFactory.create(v.toArray());
    }

    private static Row flowsRow(String flow, String denoiser, long[] counts, long boundary, double[] residuals, boolean[] met) {
        long memorized = counts[0] + counts[1];
        List<Object> v = new ArrayList<>(List.of("run-f", new Timestamp(0), flow, denoiser, 10));
        for (long c : counts) v.add(c);
        v.add(boundary);
        v.add(memorized);
        for (long c : counts) v.add(c / 10.0);
        v.addAll(List.of(boundary / 10.0, memorized / 10.0, 0.0, 1.0, 0L, 12.0, 0.1, "paper", 30, 31));
        boolean score = flow.equals("score");
        v.add(score ? 0.0456 : null);
        v.add(score ? 0.5 : null);
        v.add(score ? 1e-6 : null);
        v.add(score ? 10000 : null);
        for (int i = 0; i < 4; i++) v.add(null); // sigma_max, sigma_min, steps, karras_rho of a score row …
        if (!score) {
            v.set(v.size() - 4, 2.0);
            v.set(v.size() - 3, 0.002);
            v.set(v.size() - 2, 15);
            v.set(v.size() - 1, 7.0);
        }
        v.add(score ? null : 0.0539);
        v.add(score ? null : denoiser.equals("trained") ? "trained" : "mmse");
        v.add(score && denoiser.equals("trained") ? "trained" : "closed");
        v.addAll(List.of("origin", 2.0, 0.2, Math.sqrt(30), 1L, "width=256"));
        List<Double> sigmas = new ArrayList<>(), res = new ArrayList<>(), secs = new ArrayList<>(), costs = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<Long> steps = new ArrayList<>();
        List<Boolean> mets = new ArrayList<>();
        for (int i = 0; i < residuals.length; i++) {
            sigmas.add(0.1 * (i + 1));
            keys.add("key" + i);
            costs.add(50.0);
            res.add(residuals[i]);
            steps.add(4000L);
            secs.add(30.0);
            mets.add(met[i]);
        }
        v.addAll(Arrays.asList(sigmas, keys, costs, res, steps, secs, mets));
        return RowFactory.create(v.toArray());
    }

    private static Row bankRow(String key, double sigma, double residual, boolean met, double[] chain) {
        NetworkArrays net = new NetworkArrays(1, 1, new double[] {1}, new double[] {1}, new double[] {0}, new double[0], new double[] {0});
        TrainResult r = new TrainResult(null, 10 * sigma, residual, 4000, 25.0, met, new double[0], 5);
        Columns.BankEntry e = new Columns.BankEntry("run-k", key, "orthogonal n=31 d=30", 7L, sigma, chain,
                "method=alm;tolerance=0.001;max-steps=4000", net, r);
        Object[] v = new Object[Columns.BANK_COLUMNS.size()];
        TableColumn.readAll(Columns.BANK_COLUMNS, e, v, 0);
        return RowFactory.create(v);
    }

    @Test
    void virtualPointsRowsInRunOrderAndTheNewestRun() {
        assertEquals(5, data.virtualPoints().size());
        ExperimentData.VirtualPointsRow first = data.virtualPoints().get(0);
        assertEquals(List.of("run-a", "trained", 2, 400L, 435L), List.of(first.runId(), first.denoiser(), first.k(), first.stable(), first.total()));
        assertEquals(429 / 435.0, first.paperFraction(), 1e-15);
        List<ExperimentData.VirtualPointsRow> newest = ExperimentData.newest(data.virtualPoints(), ExperimentData.VirtualPointsRow::runId);
        assertEquals(4, newest.size());
        assertTrue(newest.stream().allMatch(r -> r.runId().equals("run-b")));
    }

    @Test
    void flowsRowsWithTheirNetworks() {
        assertEquals(3, data.flows().size());
        ExperimentData.FlowsRow prob = data.flows().get(0); // ordered by flow: probability first
        assertEquals("probability", prob.flow());
        assertEquals(0.5, prob.fractions().get(Outcome.MANIFOLD));
        assertEquals(0.4, prob.boundary());
        assertEquals(0.4, prob.memorized());
        assertEquals(2, prob.networks());
        assertEquals(0.9, prob.maxResidual());
        assertFalse(prob.allMet(), "one of its networks missed");
        ExperimentData.FlowsRow closed = data.flows().get(1);
        assertEquals(List.of("score", "closed-form", 0), List.of(closed.flow(), closed.denoiser(), closed.networks()));
        assertTrue(Double.isNaN(closed.maxResidual()));
        assertTrue(closed.allMet());
    }

    @Test
    void bankNetworksChainByChainByDescendingSigma() {
        assertEquals(List.of(2.0, 0.5, 0.1, 0.05), data.bank().stream().map(ExperimentData.BankRow::sigma).toList());
        assertEquals(List.of(false, false, true, false), data.bank().stream().map(ExperimentData.BankRow::met).toList());
        assertEquals(1.2, data.bank().get(0).residual());
        assertEquals(List.of(0.05), data.bank().get(3).chain());
    }

    @Test
    void aRootWithoutTheTablesHasNoExperiments() throws Exception {
        ExperimentData none = ExperimentData.read(TableFixture.spark(), TableFixture.standardRoot().toString());
        assertTrue(none.isEmpty());
        assertFalse(data.isEmpty());
    }

    @Test
    void theReportShowsEachSectionOnlyWhenItsTableExists() throws Exception {
        ReportData base = ReportData.read(TableFixture.spark(), TableFixture.standardRoot().toString());
        String without = ReportHtml.page(base);
        assertFalse(without.contains("Experiment: are virtual points stable?"));
        assertFalse(without.contains("Experiment: score flow against probability flow"));
        assertFalse(without.contains("<h2>Denoiser bank</h2>"));
        ReportData with = new ReportData(base.outRoot(), base.sweep(), base.runs(), data);
        String page = ReportHtml.page(with);
        assertTrue(page.contains("<h2>Experiment: are virtual points stable?</h2>"));
        assertTrue(page.contains("alt=\"stable virtual points\""));
        assertEquals(5, page.split("<tr class=\"vp-row\">", -1).length - 1, "one table row per virtual_points row");
        assertTrue(page.contains("<td>417/435</td><td>95.9&nbsp;%</td>"), "fractions as percentages");
        assertTrue(page.contains("<h2>Experiment: score flow against probability flow</h2>"));
        assertTrue(page.contains("alt=\"endpoint categories of each flow\""));
        assertEquals(3, page.split("<tr class=\"flows-row\">", -1).length - 1);
        assertTrue(page.contains("2, largest residual 0.9 (tolerance missed)"), "the networks a row used, and their worst residual");
        assertTrue(page.contains("<h2>Denoiser bank</h2>"));
        assertTrue(page.contains("<p>4 networks, 1 met their tolerance.</p>"));
        assertTrue(page.contains("alt=\"residual against sigma\""));
        assertEquals(3, page.split("<tr class=\"bank-row missed\">", -1).length - 1, "networks that missed their tolerance are marked");
        assertTrue(page.contains("<td>set 1</td><td>σ 0.05 (1 level)</td>"), "each network names its chain");
        assertEquals(ReportWriterTest.images(without).size() + 3, ReportWriterTest.images(page).size(), "one chart per section");
    }

    /** A root holding only {@code tables} of the fixture root (copied: the same real Parquet files). */
    private static Path rootWith(String name, String... tables) throws Exception {
        Path r = Files.createDirectory(tmp.resolve(name));
        for (String t : tables) {
            try (var walk = Files.walk(root.resolve(t))) {
                for (Path p : walk.toList()) {
                    Path to = r.resolve(t).resolve(root.resolve(t).relativize(p).toString());
                    if (Files.isDirectory(p)) Files.createDirectories(to);
                    else Files.copy(p, to);
                }
            }
        }
        return r;
    }

    /** What every page of a root without a sweep has: the sentence in place of the sweep's sections, and none of them. */
    private static void assertNoSweepSections(String page, Path out) {
        assertTrue(page.contains("<p class=\"note no-sweep\">No sweep in this output root (no <code>cells</code> table)"), page);
        assertTrue(page.contains("<code>memsweep sweep --out " + out + "</code>"), "how to add one");
        for (String sweepOnly : List.of("<h2>Verdict", "<h2>Convergence", "<h2>Memorized fraction", "<h2>Where the trajectories end",
                "<h2>Trajectory endpoints", "<h2>Runs</h2>", "No bug signals", " cells in ")) {
            assertFalse(page.contains(sweepOnly), sweepOnly);
        }
    }

    @Test
    void aRootWithOnlyAnExperimentTableHasItsReport() throws Exception {
        Path out = rootWith("flows-only", SqlQuery.FLOWS_TABLE);
        ReportData read = ReportData.read(TableFixture.spark(), out.toString());
        assertTrue(read.sweep().isEmpty());
        assertTrue(read.runs().isEmpty());
        assertEquals(3, read.experiments().flows().size());
        String page = Files.readString(ReportWriter.write(TableFixture.spark(), out.toString(), out.resolve(ReportWriter.REPORT_FOLDER)));
        assertNoSweepSections(page, out);
        assertTrue(page.contains("<h2>Experiment: score flow against probability flow</h2>"));
        assertEquals(3, page.split("<tr class=\"flows-row\">", -1).length - 1);
        assertFalse(page.contains("<h2>Experiment: are virtual points stable?</h2>"));
        assertFalse(page.contains("<h2>Denoiser bank</h2>"));
        assertEquals(1, ReportWriterTest.images(page).size(), "the flows chart alone");
    }

    @Test
    void aRootWithOnlyABankHasItsReport() throws Exception {
        Path out = rootWith("bank-only", Columns.BANK);
        ReportData read = ReportData.read(TableFixture.spark(), out.toString());
        assertTrue(read.sweep().isEmpty());
        assertTrue(read.experiments().virtualPoints().isEmpty() && read.experiments().flows().isEmpty());
        String page = Files.readString(ReportWriter.write(TableFixture.spark(), out.toString(), out.resolve(ReportWriter.REPORT_FOLDER)));
        assertNoSweepSections(page, out);
        assertTrue(page.contains("<p>4 networks, 1 met their tolerance.</p>"));
        assertFalse(page.contains("<h2>Experiment:"));
        assertEquals(1, ReportWriterTest.images(page).size(), "the residual chart alone");
    }
}
