package org.memsweep.jobs.sweep;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.memsweep.engine.InvalidParameterException;
import org.memsweep.engine.cell.Cell;
import org.memsweep.engine.cell.Param;

class SweepSpecTest {
    static final String BASE = "dataset: orthogonal\nd: 6\nn: 3\nsigma-max: 0.1\nstart-mean: data-mean\nstart-scale: 0.3\n";

    static Stream<Arguments> badSpecs() {
        return Stream.of(
                Arguments.of("bogus: 1\n", "bogus", "known keys"),
                Arguments.of("n: abc\n", "n", "integer"),
                Arguments.of("n: 2.5\n", "n", "integer"),
                Arguments.of("seeds: x\n", "seeds", "integer"),
                Arguments.of("n: []\n", "n", "non-empty"),
                Arguments.of("n: [[2, 3], 4]\n", "n", "flat list"),
                Arguments.of("seeds: 0\n", "seeds", "≥ 1"),
                Arguments.of("seeds: -1\n", "seeds", "≥ 1"),
                Arguments.of("dataset: nope\n", "dataset", "orthogonal"),
                Arguments.of("flow: nope\n", "flow", "probability"),
                Arguments.of("solver: nope\n", "solver", "euler"),
                Arguments.of("start-mean: nope\n", "start-mean", "data-mean"),
                Arguments.of("dataset: obtuse-simplex\nn: 5\nkappa: 0.9\n", "kappa", "kappa"),
                Arguments.of("sigma-min: 0.2\n", "sigma-min", "sigma-min"),
                Arguments.of("steps: 1\n", "steps", "steps"),
                Arguments.of("tau: 0\n", "tau", "tau"),
                Arguments.of("n: [2, 40]\nd: 30\n", "n", "n=40"));
    }

    @ParameterizedTest
    @MethodSource("badSpecs")
    void badSpecNamesFieldAndAllowed(String yaml, String field, String mention) {
        Map<String, Object> raw = new LinkedHashMap<>(SweepSpec.parse(BASE, "base"));
        raw.putAll(SweepSpec.parse(yaml, "test"));
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> SweepSpec.of(raw).buildCells());
        assertEquals(field, e.parameter(), e.getMessage());
        assertTrue(e.getMessage().startsWith(field + " = "), e.getMessage());
        assertTrue(e.getMessage().contains("is not allowed:"), e.getMessage());
        assertTrue(e.getMessage().toLowerCase().contains(mention.toLowerCase()) || e.getMessage().contains(mention.replace('-', ' ')),
                "message should mention '" + mention + "': " + e.getMessage());
    }

    @Test
    void badCellMessageSaysWhichCell() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> SweepSpec.of(SweepSpec.parse("dataset: orthogonal\nd: 30\nn: [2, 40]\n", "t")).buildCells());
        assertEquals("n", e.parameter());
        assertTrue(e.getMessage().contains("in the cell"), e.getMessage());
        assertTrue(e.getMessage().contains("n=40"), e.getMessage());
        assertFalse(e.getMessage().contains("n=2,"), e.getMessage());
    }

    @Test
    void invalidYaml() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> SweepSpec.parse("n: [2, 3\nd: {", "f.yaml"));
        assertEquals("spec", e.parameter());
        assertTrue(e.getMessage().contains("valid YAML or JSON"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void specNotAMapping() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> SweepSpec.parse("- n\n- d\n", "f.yaml"));
        assertEquals("spec", e.parameter());
        assertTrue(e.getMessage().contains("mapping"), e.getMessage());
    }

    @Test
    void missingSpecFile() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> SweepSpec.read(java.nio.file.Path.of("/nonexistent/spec.yaml")));
        assertEquals("spec", e.parameter());
    }

    @Test
    void unknownPreset() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> SweepSpec.preset("nope"));
        assertEquals("preset", e.parameter());
        assertTrue(e.getMessage().contains("default, paper-fig3, paper-fig3-trained, scale"), e.getMessage());
    }

    @Test
    void badSetSyntax() {
        Map<String, Object> raw = new LinkedHashMap<>();
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> SweepSpec.applyOverrides(raw, List.of("n")));
        assertEquals("set", e.parameter());
        assertTrue(e.getMessage().contains("key=value"), e.getMessage());
        e = assertThrows(InvalidParameterException.class, () -> SweepSpec.applyOverrides(raw, List.of("=3")));
        assertEquals("set", e.parameter());
    }

    @Test
    void setWithList() {
        Map<String, Object> raw = new LinkedHashMap<>(SweepSpec.parse(BASE, "b"));
        SweepSpec.applyOverrides(raw, List.of("n=[2,5]", "seeds=7", "flow=score"));
        SweepSpec s = SweepSpec.of(raw);
        assertEquals(List.of(2, 5), s.axes().get(Param.N));
        assertEquals(List.of("score"), s.axes().get(Param.FLOW));
        assertEquals(7, s.seeds());
        // a bad value through --set names the key
        Map<String, Object> raw2 = new LinkedHashMap<>(SweepSpec.parse(BASE, "b"));
        SweepSpec.applyOverrides(raw2, List.of("n=[2,x]"));
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> SweepSpec.of(raw2));
        assertEquals("n", e.parameter());
    }

    @Test
    void gridIsCartesianProductInOrder() {
        SweepSpec s = SweepSpec.of(SweepSpec.parse(BASE.replace("n: 3\n", "") + "n: [2, 3, 4]\nflow: [probability, score]\nseeds: 5\n", "t"));
        assertEquals(6, s.cellCount());
        List<Map<String, Object>> maps = s.cellMaps();
        assertEquals(6, maps.size());
        List<String> got = new ArrayList<>();
        for (Map<String, Object> m : maps) got.add(m.get("n") + "/" + m.get("flow"));
        assertEquals(List.of("2/probability", "2/score", "3/probability", "3/score", "4/probability", "4/score"), got);
        List<Cell> cells = s.buildCells();
        assertEquals(6, cells.size());
        assertEquals(6, cells.stream().map(Cell::id).distinct().count());
        assertEquals(3, cells.get(2).params().n());
    }

    @Test
    void duplicatesCollapse() {
        SweepSpec s = SweepSpec.of(SweepSpec.parse(BASE.replace("n: 3\n", "") + "n: [2, 3, 2, \"3\"]\n", "t"));
        assertEquals(List.of(2, 3), s.axes().get(Param.N));
        assertEquals(2, s.buildCells().size());
        // different spellings of the same resolved cell: alpha auto = sqrt(6)
        SweepSpec a = SweepSpec.of(SweepSpec.parse(BASE + "alpha: [auto, " + Math.sqrt(6) + "]\n", "t"));
        assertEquals(2, a.cellCount());
        List<String> notes = new ArrayList<>();
        assertEquals(1, a.buildCells(notes::add).size());
        assertEquals(List.of("note: 2 grid points give 1 distinct cell: alpha resolves to the same value"), notes);
    }

    @Test
    void parametersACellDoesNotUseCollapseWithANote() {
        SweepSpec s = SweepSpec.of(SweepSpec.parse(BASE + "eta: [0.3, 0.6]\nflow: [probability, score]\n", "t"));
        assertEquals(4, s.cellCount());
        List<String> notes = new ArrayList<>();
        List<Cell> cells = s.buildCells(notes::add);
        assertEquals(3, cells.size(), "eta splits the score cells only");
        assertEquals(List.of("note: 4 grid points give 3 distinct cells: eta does not apply to probability-flow cells"), notes);
        assertEquals(List.of("probability", "score", "score"), cells.stream().map(c -> c.params().flow().key()).toList());
        List<String> none = new ArrayList<>();
        SweepSpec.of(SweepSpec.parse(BASE + "eta: [0.3, 0.6]\nflow: score\n", "t")).buildCells(none::add);
        assertEquals(List.of(), none, "no note when every grid point is its own cell");
    }

    @Test
    void trainingSettingsDoNotSplitCellsWithoutTrainedDenoisers() {
        SweepSpec s = SweepSpec.of(SweepSpec.parse(BASE + "train: [\"width=8\", \"width=16\"]\nallow-untolerated: [no, yes]\n", "t"));
        assertEquals(4, s.cellCount());
        List<String> notes = new ArrayList<>();
        assertEquals(1, s.buildCells(notes::add).size());
        assertEquals(List.of("note: 4 grid points give 1 distinct cell: allow-untolerated does not apply to cells without a trained "
                + "denoiser; train does not apply to cells without a trained denoiser"), notes);
    }

    @Test
    void jsonParsesLikeYaml() {
        Map<String, Object> y = SweepSpec.parse(BASE.replace("n: 3\n", "") + "n: [2, 3]\nseeds: 10\nname: x\n", "y");
        Map<String, Object> j = SweepSpec.parse("{\"dataset\": \"orthogonal\", \"d\": 6, \"sigma-max\": 0.1, \"start-mean\": \"data-mean\","
                + " \"start-scale\": 0.3, \"n\": [2, 3], \"seeds\": 10, \"name\": \"x\"}", "j");
        assertEquals(SweepSpec.of(y), SweepSpec.of(j));
        assertEquals(SweepSpec.of(y).buildCells().stream().map(Cell::id).toList(),
                SweepSpec.of(j).buildCells().stream().map(Cell::id).toList());
    }

    @Test
    void presetsLoadAndValidate() {
        for (String p : SweepSpec.presets()) {
            SweepSpec s = SweepSpec.of(SweepSpec.preset(p));
            assertEquals(p, s.name());
        }
        // scale: 12 distinct cells. Building its d = 4096, n = 1025 cells takes minutes on a shared
        // 2-core box, so the engine validates the d = 1024 half (same keys and values otherwise).
        SweepSpec scale = SweepSpec.of(SweepSpec.preset("scale"));
        assertEquals(12, scale.cellCount());
        assertEquals(12, scale.cellMaps().stream().distinct().count());
        assertEquals(100000, scale.seeds());
        Map<String, Object> half = new LinkedHashMap<>(SweepSpec.preset("scale"));
        half.put("d", 1024);
        half.put("n", List.of(2, 9, 33, 129));
        assertEquals(4, SweepSpec.of(half).buildCells().size());
        assertEquals(12, SweepSpec.of(SweepSpec.preset("default")).buildCells().size());
        assertEquals(10, SweepSpec.of(SweepSpec.preset("paper-fig3")).buildCells().size());
        // paper-fig3-trained: 5 probability-flow cells, each a warm-start chain of its 120 levels above σ_switch.
        SweepSpec trained = SweepSpec.of(SweepSpec.preset("paper-fig3-trained"));
        assertEquals(5, trained.cellCount());
        org.memsweep.jobs.bank.BankPlan plan = org.memsweep.jobs.bank.BankPlan.of(trained, null);
        assertEquals(5, plan.chains().size());
        assertEquals(5 * 120, plan.networks());
    }

    @Test
    void emptySpecIsDefaults() {
        SweepSpec s = SweepSpec.of(SweepSpec.parse("", "empty"));
        assertEquals(1000, s.seeds());
        assertEquals(1, s.cellCount());
    }

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path tmp;

    @Test
    void aSpecFileWithoutKeysIsAnErrorNotTheDefaults() throws Exception {
        for (String text : new String[] {"", "# only a comment\n\n", "{}\n"}) {
            java.nio.file.Path f = tmp.resolve("empty.yaml");
            java.nio.file.Files.writeString(f, text);
            InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> SweepSpec.read(f));
            assertTrue(e.getMessage().startsWith("spec = " + f) && e.getMessage().contains("at least one key"), e.getMessage());
        }
    }

    @Test
    void aDuplicateKeyIsNamed() {
        for (String text : new String[] {"n: 2\nd: 6\nn: 3\n", "{\"n\": 2, \"d\": 6, \"n\": 3}"}) {
            InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> SweepSpec.parse(text, "t.yaml"));
            assertTrue(e.getMessage().startsWith("spec = t.yaml is not allowed: each key once (the key 'n' appears twice"), e.getMessage());
        }
    }

    @Test
    void limitsAreCheckedFromTheListsLengthsBeforeAnyCellIsBuilt() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> SweepSpec.of(SweepSpec.parse(BASE + "seeds: 1000000000000\n", "t")));
        assertEquals("seeds", e.parameter());
        assertTrue(e.getMessage().contains("≤ " + SweepSpec.MAX_SEEDS), e.getMessage());
        // 10^7 cells: refused at once from the lengths of the lists (10 × 10 × 10 × 10 × 1000)
        Map<String, Object> raw = new LinkedHashMap<>(SweepSpec.parse(BASE, "t"));
        raw.put("n", range(2, 12));
        raw.put("d", range(20, 30));
        raw.put("steps", range(10, 20));
        raw.put("seed", range(1, 11));
        raw.put("sigma-max", java.util.stream.IntStream.range(0, 1000).mapToObj(i -> 0.1 + i * 1e-3).toList());
        long t0 = System.nanoTime();
        e = assertThrows(InvalidParameterException.class, () -> SweepSpec.of(raw));
        assertTrue(System.nanoTime() - t0 < 2_000_000_000L, "no expansion");
        assertEquals("grid", e.parameter());
        assertTrue(e.getMessage().startsWith("grid = 10000000 cells is not allowed: at most " + SweepSpec.MAX_CELLS), e.getMessage());
        e = assertThrows(InvalidParameterException.class, () -> SweepSpec.of(SweepSpec.parse(BASE + "steps: [10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]\nseeds: 1000000000\n", "t")));
        assertTrue(e.getMessage().contains("at most " + SweepSpec.MAX_TRAJECTORIES + " trajectories"), e.getMessage());
    }

    @Test
    void aLongGridExpansionShowsProgress() {
        Map<String, Object> raw = new LinkedHashMap<>(SweepSpec.parse(BASE, "t"));
        raw.put("sigma-max", java.util.stream.IntStream.range(0, (int) SweepSpec.PROGRESS_CELLS + 1).mapToObj(i -> 0.1 + i * 1e-4).toList());
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        long t0 = System.nanoTime();
        List<Cell> cells = SweepSpec.of(raw).buildCells(new java.io.PrintStream(err, true));
        double perCellMs = (System.nanoTime() - t0) / 1e6 / cells.size();
        assertEquals(SweepSpec.PROGRESS_CELLS + 1, cells.size());
        String last = err.toString().strip().lines().reduce((a, b) -> b).orElse("");
        assertEquals("validating the grid: " + cells.size() + "/" + cells.size() + " cells", last);
        System.out.printf(java.util.Locale.ROOT, "building a cell: %.3f ms%n", perCellMs);
        // quiet below the threshold
        java.io.ByteArrayOutputStream none = new java.io.ByteArrayOutputStream();
        SweepSpec.of(SweepSpec.parse(BASE, "t")).buildCells(new java.io.PrintStream(none, true));
        assertEquals(0, none.size());
    }

    static List<Object> range(int from, int to) {
        return new ArrayList<>(java.util.stream.IntStream.range(from, to).boxed().toList());
    }
}
