package org.memsweep.jobs.sweep;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.memsweep.engine.InvalidParameterException;
import org.memsweep.engine.cell.Cell;
import org.memsweep.engine.cell.CellParams;
import org.memsweep.engine.cell.Param;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.DuplicateKeyException;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A validated sweep: for every cell parameter a non-empty list of values (a single value is a
 * one-element list), the number of seeds per cell, and a name. The grid is the Cartesian product
 * of the lists. Spec files are YAML or JSON with the parameters' spec keys at the top level, plus
 * {@code seeds}, {@code name} and {@code description}.
 */
public record SweepSpec(String name, String description, Map<Param, List<Object>> axes, long seeds) {
    /**
     * Most seeds per cell: a cell's row counts stay far inside a long and one cell at ~10⁴
     * trajectories/s already takes a day.
     */
    public static final long MAX_SEEDS = 1_000_000_000L;

    /**
     * Most cells in a grid: the driver builds and validates each through the engine (about 1.3 ms
     * measured, so 2·10⁴ cells take ~30 s, with a progress line), keeps each cell and its cells/ row,
     * and filters the tables by the list of ids; 2·10⁴ keeps all that small beside a 1 GB driver.
     */
    public static final long MAX_CELLS = 20_000;

    /** Most trajectories in a sweep: 10¹⁰ is a year of one 10⁴ trajectories/s core, and 1 TB of rows. */
    public static final long MAX_TRAJECTORIES = 10_000_000_000L;

    /** Grids of more cells than this show a progress line on stderr while they are validated. */
    static final long PROGRESS_CELLS = 2_000;

    /** Keys of a spec that are not cell parameters. */
    static final List<String> META_KEYS = List.of("name", "description", "seeds");

    /** Parses YAML or JSON text (JSON is a subset of YAML). {@code source} names it in messages. */
    public static Map<String, Object> parse(String text, String source) {
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false); // a key given twice is a mistake, not "the last one wins"
            Object doc = new Yaml(new SafeConstructor(options)).load(text);
            if (doc == null) return new LinkedHashMap<>();
            if (!(doc instanceof Map<?, ?> m)) {
                throw new InvalidParameterException("spec", source, "a mapping of keys to values or lists at the top level");
            }
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) out.put(String.valueOf(e.getKey()), e.getValue());
            return out;
        } catch (DuplicateKeyException e) {
            String key = e.getProblem() == null ? "?" : e.getProblem().replaceFirst("^found duplicate key\\s*", "");
            throw new InvalidParameterException("spec", source, "each key once (the key '" + key + "' appears twice"
                    + (e.getProblemMark() == null ? "" : ", again at line " + (e.getProblemMark().getLine() + 1)) + ")");
        } catch (YAMLException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage().replaceAll("\\s+", " ").trim();
            throw new InvalidParameterException("spec", source, "valid YAML or JSON (" + msg + ")");
        }
    }

    /** Reads a spec file. */
    public static Map<String, Object> read(Path file) {
        if (!Files.isRegularFile(file)) throw new InvalidParameterException("spec", file, "an existing YAML or JSON file");
        try {
            Map<String, Object> raw = parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
            // Without this, the defaults would run a sweep the file never asked for.
            if (raw.isEmpty()) throw new InvalidParameterException("spec", file, "a spec with at least one key (the file has none; e.g. 'n: [2, 3, 5]')");
            return raw;
        } catch (IOException e) {
            throw new InvalidParameterException("spec", file, "a readable file (" + e.getMessage() + ")");
        }
    }

    /** A preset shipped in the jar ({@code presets/NAME.yaml}). */
    public static Map<String, Object> preset(String name) {
        try (InputStream in = SweepSpec.class.getResourceAsStream("/presets/" + name + ".yaml")) {
            if (in == null) throw new InvalidParameterException("preset", name, "one of " + String.join(", ", presets()));
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "preset " + name);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Names of the shipped presets. */
    public static List<String> presets() {
        return List.of("default", "paper-fig3", "paper-fig3-trained", "scale");
    }

    /**
     * Validates raw key → value (or list) pairs: every key known, every value of the parameter's
     * type, no empty list, seeds ≥ 1.
     */
    public static SweepSpec of(Map<String, Object> raw) {
        Map<Param, List<Object>> axes = new LinkedHashMap<>();
        long seeds = 1000;
        String name = "custom", description = "";
        for (Map.Entry<String, Object> e : raw.entrySet()) {
            String key = e.getKey();
            Object v = e.getValue();
            switch (key) {
                case "seeds" -> {
                    Object s = v instanceof List<?> l && l.size() == 1 ? l.get(0) : v;
                    long n;
                    if (s instanceof Integer || s instanceof Long) n = ((Number) s).longValue();
                    else if (s instanceof String str && str.trim().matches("-?\\d+")) n = Long.parseLong(str.trim());
                    else throw new InvalidParameterException("seeds", v, "one integer ≥ 1 (trajectories per cell)");
                    if (n < 1 || n > MAX_SEEDS) {
                        throw new InvalidParameterException("seeds", n, "an integer ≥ 1 and ≤ " + MAX_SEEDS + " (trajectories per cell)");
                    }
                    seeds = n;
                }
                case "name" -> name = String.valueOf(v);
                case "description" -> description = String.valueOf(v);
                default -> {
                    Param p = Param.byKey(key);
                    if (p == null) {
                        throw new InvalidParameterException(key, v, "no such key; known keys: seeds, name, description, "
                                + String.join(", ", Param.values().length == 0 ? List.of() : keys()));
                    }
                    List<?> values = v instanceof List<?> l ? l : java.util.Collections.singletonList(v);
                    if (values.isEmpty()) throw new InvalidParameterException(key, "[]", "a value or a non-empty list");
                    List<Object> typed = new ArrayList<>();
                    for (Object x : values) {
                        if (x instanceof List<?> || x instanceof Map<?, ?>) {
                            throw new InvalidParameterException(key, x, "a single value or a flat list of values");
                        }
                        Object c = p.coerce(x);
                        if (!typed.contains(c)) typed.add(c);
                    }
                    axes.put(p, typed);
                }
            }
        }
        SweepSpec spec = new SweepSpec(name, description, axes, seeds);
        long cells = spec.cellCount();
        if (cells > MAX_CELLS) {
            throw new InvalidParameterException("grid", cells + " cells", "at most " + MAX_CELLS + " cells (the product of the lists' lengths)");
        }
        if ((double) cells * seeds > MAX_TRAJECTORIES) {
            throw new InvalidParameterException("seeds", seeds, "at most " + MAX_TRAJECTORIES + " trajectories in all ("
                    + cells + " cells × " + seeds + " seeds is more)");
        }
        return spec;
    }

    private static List<String> keys() {
        List<String> k = new ArrayList<>();
        for (Param p : Param.values()) k.add(p.key());
        return k;
    }

    /** Applies {@code key=value} overrides; a value in brackets is a list: {@code n=[2,5,9]}. */
    public static void applyOverrides(Map<String, Object> raw, List<String> sets) {
        for (String s : sets) {
            int eq = s.indexOf('=');
            if (eq <= 0) throw new InvalidParameterException("set", s, "key=value or key=[v1,v2,…]");
            String key = s.substring(0, eq).trim();
            Object value = parse("v: " + s.substring(eq + 1).trim(), "--set " + key).get("v");
            raw.put(key, value);
        }
    }

    /** The number of cells in the grid. */
    public long cellCount() {
        long c = 1;
        for (List<Object> l : axes.values()) c *= l.size();
        return c;
    }

    /** The grid's cells in a stable order (the last axis varies fastest), as parameter maps. */
    public List<Map<String, Object>> cellMaps() {
        List<Map<String, Object>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (Map.Entry<Param, List<Object>> axis : axes.entrySet()) {
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> partial : out) {
                for (Object v : axis.getValue()) {
                    Map<String, Object> m = new LinkedHashMap<>(partial);
                    m.put(axis.getKey().key(), v);
                    next.add(m);
                }
            }
            out = next;
        }
        return out;
    }

    /**
     * Builds and validates every cell with the engine (so a bad cell fails here, before Spark
     * starts, naming the cell). Returns them in grid order; duplicates (same resolved cell) once.
     */
    public List<Cell> buildCells() {
        return buildCells(note -> { }, null);
    }

    /** {@link #buildCells(java.util.function.Consumer, java.io.PrintStream)} without a progress line. */
    public List<Cell> buildCells(java.util.function.Consumer<String> note) {
        return buildCells(note, null);
    }

    /** {@link #buildCells(java.util.function.Consumer, java.io.PrintStream)} without notes. */
    public List<Cell> buildCells(java.io.PrintStream progress) {
        return buildCells(note -> { }, progress);
    }

    /**
     * As {@link #buildCells()}; when grid points collapse into one cell (a parameter the cell does
     * not use, or an auto value equal to an explicit one), {@code note} receives one line saying how
     * many and why; {@code progress} (when not null) gets a progress line for a grid of many cells.
     */
    public List<Cell> buildCells(java.util.function.Consumer<String> note, java.io.PrintStream progress) {
        return buildCells(note, progress, null);
    }

    /**
     * As {@link #buildCells(java.util.function.Consumer, java.io.PrintStream)}, cells with a trained
     * denoiser taking their networks from {@code bank} (a cell's parameters and levels → one network per
     * level; see {@link Cell#build(CellParams, java.util.function.Function)}); null refuses such cells.
     */
    public List<Cell> buildCells(java.util.function.Consumer<String> note, java.io.PrintStream progress,
                                 java.util.function.BiFunction<CellParams, org.memsweep.engine.cell.TrainedLevels,
                                         org.memsweep.engine.denoiser.ReluNetwork[]> bank) {
        List<Cell> cells = new ArrayList<>();
        Map<String, CellParams> given = new java.util.HashMap<>();
        java.util.Set<String> reasons = new java.util.LinkedHashSet<>();
        List<Map<String, Object>> maps = cellMaps();
        boolean show = progress != null && maps.size() > PROGRESS_CELLS;
        long last = System.nanoTime();
        int points = 0;
        for (Map<String, Object> m : maps) {
            points++;
            if (show && (points == maps.size() || System.nanoTime() - last > 1_000_000_000L)) {
                last = System.nanoTime();
                progress.printf(java.util.Locale.ROOT, "validating the grid: %d/%d cells%n", points, maps.size());
                progress.flush();
            }
            Cell c;
            CellParams p;
            try {
                p = CellParams.fromMap(m);
                CellParams given1 = p;
                c = bank == null ? Cell.build(p) : Cell.build(p, t -> bank.apply(given1, t));
            } catch (InvalidParameterException e) {
                throw e.inContext("in the cell " + describe(m));
            }
            CellParams first = given.putIfAbsent(c.id(), p);
            if (first == null) {
                cells.add(c);
                continue;
            }
            for (Param q : Param.values()) {
                if (java.util.Objects.equals(q.get(first), q.get(p))) continue;
                reasons.add(q.appliesTo(c.params()) ? q.key() + " resolves to the same value" : q.key() + " does not apply to " + notApplying(q, c.params()));
            }
        }
        if (cells.size() < points) {
            note.accept("note: " + points + " grid points give " + cells.size() + (cells.size() == 1 ? " distinct cell: " : " distinct cells: ") + String.join("; ", reasons));
        }
        return cells;
    }

    /** Which cells a parameter does not apply to, in words (see {@link Param#appliesTo}). */
    private static String notApplying(Param q, CellParams p) {
        return switch (q) {
            case KAPPA -> p.dataset().key() + " data";
            case ALPHA -> "cells with low-noise " + p.lowNoise().key();
            case HIGH_NOISE -> "probability-flow cells with every level at or below σ_switch";
            case TRAIN, ALLOW_UNTOLERATED -> "cells without a trained denoiser";
            default -> p.flow().key() + "-flow cells";
        };
    }

    /** Short description of the axes' values of a cell that vary in this sweep. */
    public String describe(Map<String, Object> cell) {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, Object> e : cell.entrySet()) {
            if (sb.length() > 1) sb.append(", ");
            sb.append(e.getKey()).append('=').append(e.getValue());
        }
        return sb.append('}').toString();
    }
}
