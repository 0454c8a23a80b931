package org.memsweep.engine.cell;

import java.util.Locale;
import java.util.function.Function;
import org.memsweep.engine.InvalidParameterException;
import org.memsweep.engine.data.DatasetKind;
import org.memsweep.engine.data.Norms;
import org.memsweep.engine.flow.Solver;

/**
 * Every parameter of a cell: its spec key (also the command-line flag and, in snake case, the
 * table column), type, default, meaning, how a spec value is read ({@link #coerce}), what values it
 * allows ({@link #parse}) and which cells it applies to ({@link #appliesTo}). The single list the
 * spec parser, the command line and the table schema are built from. Defaults are science.md's
 * (§4.1); "auto" ones are resolved once per cell (see {@link AutoParams}). Relations between
 * parameters (N against d, κ against N, σ_min below σ_max) are checked where they are used: the
 * data set's and the schedule's constructors.
 */
public enum Param {
    DATASET("dataset", Type.STRING, "orthogonal", "data set: orthogonal | obtuse-simplex | equilateral-simplex | gaussian", p -> p.dataset().key()),
    N("n", Type.INT, 31, "training points N, the apex included", CellParams::n),
    D("d", Type.INT, 30, "dimension d", CellParams::d),
    KAPPA("kappa", Type.DOUBLE, 0.0, "obtuse-simplex: pairwise cosine −κ of the edges, 0 ≤ κ ≤ 1/(N−2)", CellParams::kappa),
    NORMS("norms", Type.STRING, "fixed(1.0)", "edge lengths: fixed(r) | uniform(a,b)", CellParams::norms),
    ROTATION("rotation", Type.STRING, "none", "none (axis-aligned) | random (one Haar-random rotation)", p -> p.rotation().key()),
    ALPHA("alpha", Type.DOUBLE, Double.NaN, "ρ = ασ; auto = √d", CellParams::alpha),
    FLOW("flow", Type.STRING, "probability", "probability | score", p -> p.flow().key()),
    SOLVER("solver", Type.STRING, "euler", "probability flow steps: euler | heun", p -> p.solver().key()),
    SIGMA_MAX("sigma-max", Type.DOUBLE, 80.0, "probability flow: first noise level σ_max", CellParams::sigmaMax),
    SIGMA_MIN("sigma-min", Type.DOUBLE, 0.002, "probability flow: last noise level σ_min", CellParams::sigmaMin),
    STEPS("steps", Type.INT, 150, "probability flow: number of Karras levels K", CellParams::steps),
    KARRAS_RHO("karras-rho", Type.DOUBLE, 7.0, "Karras schedule exponent ϱ", CellParams::karrasRho),
    ETA("eta", Type.DOUBLE, 0.5, "score flow: Euler step η ∈ (0, 1]", CellParams::eta),
    SIGMA("sigma", Type.DOUBLE, Double.NaN, "score flow: its fixed noise level; auto = σ_valid/2", CellParams::sigma),
    TOL("tol", Type.DOUBLE, 1e-6, "score flow: stop when ‖h(y) − y‖∞ < tol", CellParams::tol),
    MAX_STEPS("max-steps", Type.INT, 10000, "score flow: step budget", CellParams::maxSteps),
    START_MEAN("start-mean", Type.STRING, "origin", "start y ~ N(μ, s²I): μ = origin | data-mean | box-center", p -> p.startMean().key()),
    START_SCALE("start-scale", Type.DOUBLE, Double.NaN, "start scale s; auto = σ_max", CellParams::startScale),
    HIGH_NOISE("high-noise", Type.STRING, "mmse", "denoiser above σ_switch: mmse | none | trained (bank)", p -> p.highNoise().key()),
    LOW_NOISE("low-noise", Type.STRING, "closed", "denoiser at and below σ_switch: closed | mmse | trained (bank)", p -> p.lowNoise().key()),
    SIGMA_SWITCH("sigma-switch", Type.DOUBLE, Double.NaN, "switch level; auto = the largest level below 0.95 σ_valid", CellParams::sigmaSwitch),
    TRAIN("train", Type.STRING, org.memsweep.engine.train.TrainSettings.defaults().canonical(),
            "trained denoisers: training settings k=v;… changed from the defaults (keys: "
            + org.memsweep.engine.train.TrainSettings.KEYS + "), recorded in full", CellParams::train),
    ALLOW_UNTOLERATED("allow-untolerated", Type.STRING, "no", "trained denoisers: no | yes (run on bank networks that missed "
            + "their training tolerance)", p -> p.allowUntolerated().key()),
    TAU("tau", Type.DOUBLE, 0.2, "L∞ tolerance τ of the endpoint classification", CellParams::tau),
    FRAME("frame", Type.STRING, "data", "frame of the classification's L∞ distances: data (the data set's construction "
            + "frame, its random rotation undone) | ambient", p -> p.frame().key()),
    SEED("seed", "master_seed", Type.LONG, 1L, "master seed", CellParams::seed);

    /** Value types. */
    public enum Type { STRING, INT, LONG, DOUBLE }

    /**
     * Largest noise level and scale accepted (σ's, start scale, edge norms): squared distances of
     * points this far out, summed over d coordinates, stay far below the double range (1e308), so
     * the flow and the classifier never overflow where the exact prediction sees a finite value.
     */
    public static final double MAX_SCALE = 1e100;
    /** Smallest noise level accepted: 1/σ² stays finite (science.md §3 divides by σ²). */
    public static final double MIN_SIGMA = 1e-100;

    private final String key, column;
    private final Type type;
    private final Object defaultValue;
    private final String doc;
    private final Function<CellParams, Object> getter;

    Param(String key, Type type, Object def, String doc, Function<CellParams, Object> getter) {
        this(key, key.replace('-', '_'), type, def, doc, getter);
    }

    Param(String key, String column, Type type, Object def, String doc, Function<CellParams, Object> getter) {
        this.key = key;
        this.column = column;
        this.type = type;
        this.defaultValue = def;
        this.doc = doc;
        this.getter = getter;
    }

    public String key() {
        return key;
    }

    /** Column name in the tables. */
    public String column() {
        return column;
    }

    public Type type() {
        return type;
    }

    /** The default as a spec value (NaN means auto). */
    public Object defaultValue() {
        return defaultValue;
    }

    public String doc() {
        return doc;
    }

    /** This parameter's value in {@code p}, as a spec value (a choice by its spelling). */
    public Object get(CellParams p) {
        return getter.apply(p);
    }

    /**
     * Whether this parameter changes what a cell with these (resolved) parameters computes. One rule
     * for the whole project: a parameter that does not apply is left out of the cell's canonical text
     * (so it neither changes the cell id nor splits cells) and is recorded as null. Probability flow
     * parameters apply to probability-flow cells, score flow parameters to score-flow cells; κ to
     * obtuse-simplex data; α to the closed-form low-noise denoiser (ρ = ασ); the high-noise denoiser
     * only when some level lies above σ_switch. σ_max does not apply to a score cell: its only use
     * there, the auto start scale, is resolved into start-scale.
     */
    public boolean appliesTo(CellParams p) {
        return switch (this) {
            case KAPPA -> p.dataset() == DatasetKind.OBTUSE_SIMPLEX;
            case ALPHA -> p.lowNoise() == LowNoise.CLOSED;
            case SOLVER, SIGMA_MAX, SIGMA_MIN, STEPS, KARRAS_RHO, SIGMA_SWITCH -> p.flow() == FlowKind.PROBABILITY;
            case HIGH_NOISE -> p.flow() == FlowKind.PROBABILITY && !(p.sigmaMax() <= p.sigmaSwitch());
            case ETA, SIGMA, TOL, MAX_STEPS -> p.flow() == FlowKind.SCORE;
            case TRAIN, ALLOW_UNTOLERATED -> usesTrained(p);
            default -> true;
        };
    }

    /**
     * Whether {@code p} runs a trained denoiser at some level: trained networks serve the
     * probability flow only, the high-noise one only where {@link #HIGH_NOISE} applies.
     */
    private static boolean usesTrained(CellParams p) {
        if (p.flow() != FlowKind.PROBABILITY) return false;
        return p.lowNoise() == LowNoise.TRAINED || p.highNoise() == HighNoise.TRAINED && HIGH_NOISE.appliesTo(p);
    }

    /**
     * Checks a value of this parameter, as {@link #coerce} gives it, against the values it allows,
     * and returns what {@link CellParams} holds: the {@link org.memsweep.engine.Choice} for a choice
     * parameter, the value itself otherwise. Every given value is checked, also of parameters a
     * cell does not use: a value outside its range is a mistake in the spec even where it would be
     * ignored.
     */
    Object parse(Object value) {
        return switch (this) {
            case DATASET -> DatasetKind.parse((String) value);
            case ROTATION -> RotationKind.parse((String) value);
            case FLOW -> FlowKind.parse((String) value);
            case SOLVER -> Solver.parse((String) value);
            case START_MEAN -> StartMean.parse((String) value);
            case HIGH_NOISE -> HighNoise.parse((String) value);
            case LOW_NOISE -> LowNoise.parse((String) value);
            case FRAME -> Frame.parse((String) value);
            case ALLOW_UNTOLERATED -> AllowUntolerated.parse((String) value);
            // Held in canonical form, so two spellings of the same settings are one cell.
            case TRAIN -> org.memsweep.engine.train.TrainSettings.parse((String) value).canonical();
            case NORMS -> {
                if (Norms.parse((String) value).hi() > MAX_SCALE) {
                    throw new InvalidParameterException(key, value, "edge lengths ≤ " + MAX_SCALE + " (squared distances must stay finite)");
                }
                yield value;
            }
            case ALPHA -> Double.isNaN((Double) value) ? value : InvalidParameterException.requirePositive(key, (Double) value);
            case TAU, TOL -> InvalidParameterException.requirePositive(key, (Double) value);
            case ETA -> {
                double v = (Double) value;
                if (!(v > 0 && v <= 1)) throw new InvalidParameterException(key, v, "0 < η ≤ 1");
                yield value;
            }
            case SIGMA_MAX, SIGMA_MIN -> requireSigma((Double) value);
            case SIGMA -> Double.isNaN((Double) value) ? value : requireSigma((Double) value);
            case SIGMA_SWITCH -> {
                double v = (Double) value;
                if (!Double.isNaN(v) && !(v > 0)) throw new InvalidParameterException(key, v, "a number > 0, or auto");
                yield value;
            }
            case START_SCALE -> {
                double v = (Double) value;
                if (!Double.isNaN(v) && !(v > 0 && v <= MAX_SCALE)) {
                    throw new InvalidParameterException(key, v, "a number in (0, " + MAX_SCALE
                            + "], or auto (beyond, squared distances of the starts overflow)");
                }
                yield value;
            }
            // n, d, steps, max-steps and the seed: coerce checks their ranges; κ, ϱ: see the class comment.
            default -> value;
        };
    }

    private double requireSigma(double v) {
        if (!(v >= MIN_SIGMA && v <= MAX_SCALE)) {
            throw new InvalidParameterException(key, v, "a finite number > 0 from " + MIN_SIGMA + " to " + MAX_SCALE
                    + " (beyond, 1/σ² or squared distances overflow)");
        }
        return v;
    }

    /** The value the tables record: this parameter's value, or null when it does not apply. */
    public Object recorded(CellParams p) {
        return appliesTo(p) ? get(p) : null;
    }

    /** Smallest and largest value of an INT or LONG parameter. */
    public long min() {
        return switch (this) {
            case SEED -> Long.MIN_VALUE;
            default -> 1;
        };
    }

    /** @see #min() */
    public long max() {
        return switch (this) {
            case N -> MAX_N;
            case D -> MAX_D;
            case STEPS -> 10_000_000;
            case MAX_STEPS -> Integer.MAX_VALUE;
            case SEED -> Long.MAX_VALUE;
            default -> Integer.MAX_VALUE;
        };
    }

    /** Largest N: the classifier and the denoisers hold N × d doubles and N-sized scratch per step. */
    public static final int MAX_N = 1_000_000;
    /** Largest d: a vector of d doubles is at most 800 MB; memory for N × d is checked per cell. */
    public static final int MAX_D = 100_000_000;

    private String range() {
        return "an integer from " + min() + " to " + max();
    }

    /** The parameter with this spec key (or column name). */
    public static Param byKey(String key) {
        for (Param p : values()) if (p.key.equals(key) || p.column.equals(key)) return p;
        return null;
    }

    /**
     * Converts a spec value (String, Number or Boolean as read from YAML/JSON/flags) to this
     * parameter's type; "auto" gives NaN for the auto doubles.
     */
    public Object coerce(Object value) {
        String what = switch (type) {
            case STRING -> "a string";
            case INT -> "an integer";
            case LONG -> "an integer (64-bit)";
            case DOUBLE -> Double.isNaN((Double) defaultValue) ? "a number or auto" : "a number";
        };
        if (value == null) throw new InvalidParameterException(key, "null", what);
        try {
            switch (type) {
                case STRING:
                    if (value instanceof String s) return s.trim();
                    if (this == NORMS && value instanceof Number num) return "fixed(" + num.doubleValue() + ")";
                    // YAML reads a bare yes/no as a boolean.
                    if (this == ALLOW_UNTOLERATED && value instanceof Boolean b) return b ? "yes" : "no";
                    break;
                case INT, LONG:
                    java.math.BigInteger big = null;
                    if (value instanceof Integer || value instanceof Long || value instanceof Short) {
                        big = java.math.BigInteger.valueOf(((Number) value).longValue());
                    } else if (value instanceof java.math.BigInteger b) {
                        big = b;
                    } else if (value instanceof String str) {
                        big = new java.math.BigInteger(str.trim());
                    } else if (type == Type.INT && value instanceof Double dd && dd == Math.rint(dd) && Double.isFinite(dd)) {
                        big = java.math.BigDecimal.valueOf(dd).toBigInteger();
                    }
                    if (big == null) break;
                    // An integer out of range (also of int/long range) is named as such, with the range.
                    if (big.compareTo(java.math.BigInteger.valueOf(min())) < 0 || big.compareTo(java.math.BigInteger.valueOf(max())) > 0) {
                        throw new InvalidParameterException(key, big, range());
                    }
                    return type == Type.INT ? (Object) big.intValue() : (Object) big.longValue();
                case DOUBLE:
                    if (value instanceof Number num) return num.doubleValue();
                    if (value instanceof String s) {
                        String t = s.trim().toLowerCase(Locale.ROOT);
                        if (t.equals("auto") && Double.isNaN((Double) defaultValue)) return Double.NaN;
                        double v = Double.parseDouble(t);
                        if (Double.isNaN(v)) break;
                        return v;
                    }
                    break;
            }
        } catch (NumberFormatException e) {
            // one message below
        }
        throw new InvalidParameterException(key, value, what);
    }
}
