package org.memsweep.engine.cell;

import java.util.EnumMap;
import java.util.Map;

/**
 * The parameters of one cell of a sweep (a point of the grid), as given: NaN marks an "auto" value
 * that {@link Cell} resolves. See {@link Param} for every key, default and meaning. The number of
 * seeds is not a cell parameter: a cell grows by seed indices.
 */
public record CellParams(String dataset, int n, int d, double kappa, String norms, String rotation, double alpha,
                         String flow, String solver, double sigmaMax, double sigmaMin, int steps, double karrasRho,
                         double eta, double sigma, double tol, int maxSteps, String startMean, double startScale,
                         String highNoise, String lowNoise, double sigmaSwitch, double tau, String frame, long seed) {

    /** All defaults (science.md §4.1). */
    public static CellParams defaults() {
        return fromMap(Map.of());
    }

    /** Builds from spec keys (e.g. {@code sigma-max}) to values; missing keys take their defaults. */
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
        return new CellParams((String) v.get(Param.DATASET), (Integer) v.get(Param.N), (Integer) v.get(Param.D),
                (Double) v.get(Param.KAPPA), (String) v.get(Param.NORMS), (String) v.get(Param.ROTATION),
                (Double) v.get(Param.ALPHA), (String) v.get(Param.FLOW), (String) v.get(Param.SOLVER),
                (Double) v.get(Param.SIGMA_MAX), (Double) v.get(Param.SIGMA_MIN), (Integer) v.get(Param.STEPS),
                (Double) v.get(Param.KARRAS_RHO), (Double) v.get(Param.ETA), (Double) v.get(Param.SIGMA),
                (Double) v.get(Param.TOL), (Integer) v.get(Param.MAX_STEPS), (String) v.get(Param.START_MEAN),
                (Double) v.get(Param.START_SCALE), (String) v.get(Param.HIGH_NOISE), (String) v.get(Param.LOW_NOISE),
                (Double) v.get(Param.SIGMA_SWITCH), (Double) v.get(Param.TAU), (String) v.get(Param.FRAME), (Long) v.get(Param.SEED));
    }

    /** Spec key → value, in {@link Param} order. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (Param p : Param.values()) m.put(p.key(), p.get(this));
        return m;
    }

    /** A copy with one parameter changed (by spec key). */
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
