package org.memsweep.engine.cell;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.memsweep.engine.data.DatasetKind;
import org.memsweep.engine.flow.Solver;

/**
 * The parameters of one cell of a sweep (a point of the grid), typed and checked: every choice an
 * enum, every number within its {@link Param#parse range}. As given, NaN marks an "auto" value;
 * {@link Cell#params()} holds the same record with every auto resolved ({@link AutoParams}) and
 * every parameter the cell does not use at its default. See {@link Param} for every key, default
 * and meaning (science.md §2–§6). The number of seeds is not a cell parameter: a cell grows by
 * seed indices. Immutable.
 */
public record CellParams(DatasetKind dataset, int n, int d, double kappa, String norms, RotationKind rotation, double alpha,
                         FlowKind flow, Solver solver, double sigmaMax, double sigmaMin, int steps, double karrasRho,
                         double eta, double sigma, double tol, int maxSteps, StartMean startMean, double startScale,
                         HighNoise highNoise, LowNoise lowNoise, double sigmaSwitch, double tau, Frame frame, long seed,
                         String train, AllowUntolerated allowUntolerated) {

    public CellParams {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(norms, "norms");
        Objects.requireNonNull(rotation, "rotation");
        Objects.requireNonNull(flow, "flow");
        Objects.requireNonNull(solver, "solver");
        Objects.requireNonNull(startMean, "start-mean");
        Objects.requireNonNull(highNoise, "high-noise");
        Objects.requireNonNull(lowNoise, "low-noise");
        Objects.requireNonNull(frame, "frame");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(allowUntolerated, "allow-untolerated");
    }

    private static final CellParams DEFAULTS = fromMap(Map.of());

    /** All defaults (science.md §4.1). */
    public static CellParams defaults() {
        return DEFAULTS;
    }

    /**
     * Builds from spec keys (e.g. {@code sigma-max}) or column names to spec values (String, Number,
     * as read from YAML, JSON or flags); missing keys take their defaults. Each value is read
     * ({@link Param#coerce}) and checked ({@link Param#parse}).
     */
    public static CellParams fromMap(Map<String, ?> values) {
        Map<Param, Object> v = new EnumMap<>(Param.class);
        for (Param p : Param.values()) v.put(p, p.defaultValue());
        for (Map.Entry<String, ?> e : values.entrySet()) {
            Param p = Param.byKey(e.getKey());
            if (p == null) {
                throw new org.memsweep.engine.InvalidParameterException(e.getKey(), e.getValue(),
                        "no such parameter; known keys: " + keys());
            }
            v.put(p, p.coerce(e.getValue()));
        }
        for (Param p : Param.values()) v.put(p, p.parse(v.get(p)));
        return new CellParams((DatasetKind) v.get(Param.DATASET), (Integer) v.get(Param.N), (Integer) v.get(Param.D),
                (Double) v.get(Param.KAPPA), (String) v.get(Param.NORMS), (RotationKind) v.get(Param.ROTATION),
                (Double) v.get(Param.ALPHA), (FlowKind) v.get(Param.FLOW), (Solver) v.get(Param.SOLVER),
                (Double) v.get(Param.SIGMA_MAX), (Double) v.get(Param.SIGMA_MIN), (Integer) v.get(Param.STEPS),
                (Double) v.get(Param.KARRAS_RHO), (Double) v.get(Param.ETA), (Double) v.get(Param.SIGMA),
                (Double) v.get(Param.TOL), (Integer) v.get(Param.MAX_STEPS), (StartMean) v.get(Param.START_MEAN),
                (Double) v.get(Param.START_SCALE), (HighNoise) v.get(Param.HIGH_NOISE), (LowNoise) v.get(Param.LOW_NOISE),
                (Double) v.get(Param.SIGMA_SWITCH), (Double) v.get(Param.TAU), (Frame) v.get(Param.FRAME), (Long) v.get(Param.SEED),
                (String) v.get(Param.TRAIN), (AllowUntolerated) v.get(Param.ALLOW_UNTOLERATED));
    }

    /**
     * This record with every parameter that does not {@link Param#appliesTo apply} to it at its
     * default, so that equal ids mean equal records.
     */
    CellParams withUnusedAtDefaults() {
        CellParams z = DEFAULTS;
        return new CellParams(
                uses(Param.DATASET) ? dataset : z.dataset, uses(Param.N) ? n : z.n, uses(Param.D) ? d : z.d,
                uses(Param.KAPPA) ? kappa : z.kappa, uses(Param.NORMS) ? norms : z.norms,
                uses(Param.ROTATION) ? rotation : z.rotation, uses(Param.ALPHA) ? alpha : z.alpha,
                uses(Param.FLOW) ? flow : z.flow, uses(Param.SOLVER) ? solver : z.solver,
                uses(Param.SIGMA_MAX) ? sigmaMax : z.sigmaMax, uses(Param.SIGMA_MIN) ? sigmaMin : z.sigmaMin,
                uses(Param.STEPS) ? steps : z.steps, uses(Param.KARRAS_RHO) ? karrasRho : z.karrasRho,
                uses(Param.ETA) ? eta : z.eta, uses(Param.SIGMA) ? sigma : z.sigma, uses(Param.TOL) ? tol : z.tol,
                uses(Param.MAX_STEPS) ? maxSteps : z.maxSteps, uses(Param.START_MEAN) ? startMean : z.startMean,
                uses(Param.START_SCALE) ? startScale : z.startScale, uses(Param.HIGH_NOISE) ? highNoise : z.highNoise,
                uses(Param.LOW_NOISE) ? lowNoise : z.lowNoise, uses(Param.SIGMA_SWITCH) ? sigmaSwitch : z.sigmaSwitch,
                uses(Param.TAU) ? tau : z.tau, uses(Param.FRAME) ? frame : z.frame, uses(Param.SEED) ? seed : z.seed,
                uses(Param.TRAIN) ? train : z.train, uses(Param.ALLOW_UNTOLERATED) ? allowUntolerated : z.allowUntolerated);
    }

    private boolean uses(Param p) {
        return p.appliesTo(this);
    }

    /** Spec key → value, in {@link Param} order. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (Param p : Param.values()) m.put(p.key(), p.get(this));
        return m;
    }

    /** A copy with one parameter changed (by spec key); cost: a round trip through {@link #toMap()}. */
    public CellParams with(String key, Object value) {
        Map<String, Object> m = toMap();
        m.put(key, value);
        return fromMap(m);
    }

    /**
     * Canonical text: key=value;… in {@link Param} order, numbers in Java's shortest round-trip
     * form; parameters that do not {@link Param#appliesTo apply} to this cell are left out.
     */
    public String canonical() {
        StringBuilder sb = new StringBuilder();
        for (Param p : Param.values()) {
            if (!p.appliesTo(this)) continue;
            if (sb.length() > 0) sb.append(';');
            sb.append(p.key()).append('=').append(p.get(this));
        }
        return sb.toString();
    }

    static String keys() {
        StringBuilder sb = new StringBuilder();
        for (Param p : Param.values()) sb.append(sb.length() == 0 ? "" : ", ").append(p.key());
        return sb.toString();
    }
}
