package org.memsweep.engine.train;

import java.util.Locale;
import org.memsweep.engine.InvalidParameterException;

/**
 * Settings of one min-norm training run (science.md §3.4), validated on construction: each bad
 * field raises one {@link InvalidParameterException} naming the setting and what is allowed.
 * Spec keys (for {@link #with} and {@link #parse}) are given beside each field; {@link #defaults()}
 * documents the default values.
 *
 * @param method            {@code method}: alm | weight-decay
 * @param width             {@code width}: K, hidden units (≥ 1)
 * @param copies            {@code copies}: M, noisy copies per training point (≥ 1)
 * @param noise             {@code noise}: gaussian (x + σε) | ball (uniform in B(x, σ√d)) | sphere (uniform on its boundary)
 * @param tolerance         {@code tolerance}: max_p ‖r_p‖_∞ must fall below it (absolute, data units; &gt; 0)
 * @param costTolerance     {@code cost-tolerance}: and the cost Σ‖a_k‖‖w_k‖ must have changed by less than this
 *                          fraction over the last phase (&gt; 0): feasible and settled, then training stops
 * @param weightDecay       {@code weight-decay}: λ of the weight-decay objective Σ‖r‖² + λ C(θ) (&gt; 0)
 * @param learningRate      {@code learning-rate}: Adam's step size in the first phase (&gt; 0)
 * @param learningRateDecay {@code lr-decay}: factor on the step size after each phase (0 &lt; f ≤ 1)
 * @param minLearningRate   {@code min-learning-rate}: the step size never decays below it (0 &lt; it ≤ learning-rate)
 * @param phaseSteps        {@code phase-steps}: Adam steps per inner phase (≥ 1); multipliers are updated after each
 * @param penalty           {@code penalty}: the augmented Lagrangian's starting μ (&gt; 0)
 * @param penaltyGrowth     {@code penalty-growth}: factor on μ after each phase (≥ 1)
 * @param penaltyCap        {@code penalty-cap}: μ never grows beyond it (≥ penalty)
 * @param maxSteps          {@code max-steps}: Adam step budget (≥ 1)
 * @param seed              {@code seed}: initial weights and training noise derive from it alone
 * @param scaleInputs       {@code scale-inputs}: yes | no — train on y / max(1, σ√d) and fold the factor back
 *                          into the input weights and V: the same min-norm problem (a ReLU unit's cost is
 *                          homogeneous), but Adam sees inputs of unit size at every level
 */
public record TrainSettings(TrainMethod method, int width, int copies, TrainNoise noise, double tolerance,
                            double costTolerance, double weightDecay, double learningRate, double learningRateDecay, double minLearningRate,
                            int phaseSteps, double penalty, double penaltyGrowth, double penaltyCap, int maxSteps,
                            long seed, boolean scaleInputs) {
    /** The spec keys, in canonical order. */
    public static final String KEYS = "method, width, copies, noise, tolerance, cost-tolerance, weight-decay, learning-rate, lr-decay, "
            + "min-learning-rate, phase-steps, penalty, penalty-growth, penalty-cap, max-steps, seed, scale-inputs";

    public TrainSettings {
        if (method == null) throw new InvalidParameterException("method", null, "one of alm, weight-decay");
        if (noise == null) throw new InvalidParameterException("noise", null, "one of gaussian, ball, sphere");
        if (width < 1) throw new InvalidParameterException("width", width, "an integer K ≥ 1 (hidden units)");
        if (copies < 1) throw new InvalidParameterException("copies", copies, "an integer M ≥ 1 (noisy copies per training point)");
        InvalidParameterException.requirePositive("tolerance", tolerance);
        InvalidParameterException.requirePositive("cost-tolerance", costTolerance);
        InvalidParameterException.requirePositive("weight-decay", weightDecay);
        InvalidParameterException.requirePositive("learning-rate", learningRate);
        if (!(learningRateDecay > 0 && learningRateDecay <= 1)) {
            throw new InvalidParameterException("lr-decay", learningRateDecay, "a factor 0 < f ≤ 1 applied after each phase");
        }
        if (!(minLearningRate > 0 && minLearningRate <= learningRate)) {
            throw new InvalidParameterException("min-learning-rate", minLearningRate,
                    "a number > 0 and ≤ learning-rate = " + learningRate);
        }
        if (phaseSteps < 1) throw new InvalidParameterException("phase-steps", phaseSteps, "an integer ≥ 1");
        InvalidParameterException.requirePositive("penalty", penalty);
        if (!(penaltyGrowth >= 1) || !Double.isFinite(penaltyGrowth)) {
            throw new InvalidParameterException("penalty-growth", penaltyGrowth, "a finite factor ≥ 1");
        }
        if (!(penaltyCap >= penalty) || !Double.isFinite(penaltyCap)) {
            throw new InvalidParameterException("penalty-cap", penaltyCap, "a finite number ≥ penalty = " + penalty);
        }
        if (maxSteps < 1) throw new InvalidParameterException("max-steps", maxSteps, "an integer ≥ 1 (Adam step budget)");
    }

    /**
     * The defaults: alm, K = 256, M = 100, gaussian noise, tolerance 1e-3, cost tolerance 1e-3,
     * weight decay 0.25, learning rate 1e-2 decaying ×0.95 per phase down to 5e-4, phases of 500
     * Adam steps, μ = 5 growing ×1.5 per phase up to 100, a budget of 30 000 Adam steps, seed 0,
     * inputs scaled to unit size.
     */
    public static TrainSettings defaults() {
        return new TrainSettings(TrainMethod.ALM, 256, 100, TrainNoise.GAUSSIAN, 1e-3, 1e-3, 0.25, 1e-2, 0.95, 5e-4,
                500, 5, 1.5, 100, 30_000, 0L, true);
    }

    /** These settings with one setting changed, by spec key; an unknown key or bad value is an error. */
    public TrainSettings with(String key, String value) {
        String k = key == null ? "" : key.trim().toLowerCase(Locale.ROOT);
        String v = value == null ? "" : value.trim();
        TrainMethod me = method;
        TrainNoise no = noise;
        int wi = width, co = copies, ph = phaseSteps, ms = maxSteps;
        double to = tolerance, ct = costTolerance, wd = weightDecay, lr = learningRate, ld = learningRateDecay, ml = minLearningRate,
                pe = penalty, pg = penaltyGrowth, pc = penaltyCap;
        long se = seed;
        boolean si = scaleInputs;
        switch (k) {
            case "method" -> me = TrainMethod.parse(v);
            case "width" -> wi = integer(k, v);
            case "copies" -> co = integer(k, v);
            case "noise" -> no = TrainNoise.parse(v);
            case "tolerance" -> to = number(k, v);
            case "cost-tolerance" -> ct = number(k, v);
            case "weight-decay" -> wd = number(k, v);
            case "learning-rate" -> lr = number(k, v);
            case "lr-decay" -> ld = number(k, v);
            case "min-learning-rate" -> ml = number(k, v);
            case "phase-steps" -> ph = integer(k, v);
            case "penalty" -> pe = number(k, v);
            case "penalty-growth" -> pg = number(k, v);
            case "penalty-cap" -> pc = number(k, v);
            case "max-steps" -> ms = integer(k, v);
            case "seed" -> {
                try {
                    se = Long.parseLong(v);
                } catch (NumberFormatException e) {
                    throw new InvalidParameterException("seed", v, "an integer (64-bit)");
                }
            }
            case "scale-inputs" -> si = switch (v.toLowerCase(Locale.ROOT)) {
                case "yes", "true" -> true;
                case "no", "false" -> false;
                default -> throw new InvalidParameterException("scale-inputs", v, "yes or no");
            };
            default -> throw new InvalidParameterException("training setting", key, "one of " + KEYS);
        }
        return new TrainSettings(me, wi, co, no, to, ct, wd, lr, ld, ml, ph, pe, pg, pc, ms, se, si);
    }

    /**
     * The defaults changed by {@code "key=value;key=value"} (commas also separate; blank means
     * defaults). Settings are applied left to right, so a later value of the same key wins.
     */
    public static TrainSettings parse(String text) {
        TrainSettings s = defaults();
        if (text == null || text.isBlank()) return s;
        for (String part : text.split("[;,]")) {
            if (part.isBlank()) continue;
            int eq = part.indexOf('=');
            if (eq < 0) throw new InvalidParameterException("training setting", part.trim(), "key=value with key one of " + KEYS);
            s = s.with(part.substring(0, eq), part.substring(eq + 1));
        }
        return s;
    }

    /** Canonical text of every setting, in {@link #KEYS} order: the bank's key for them. */
    public String canonical() {
        return "method=" + method.key() + ";width=" + width + ";copies=" + copies + ";noise=" + noise.key()
                + ";tolerance=" + tolerance + ";cost-tolerance=" + costTolerance + ";weight-decay=" + weightDecay + ";learning-rate=" + learningRate
                + ";lr-decay=" + learningRateDecay + ";min-learning-rate=" + minLearningRate + ";phase-steps=" + phaseSteps
                + ";penalty=" + penalty + ";penalty-growth=" + penaltyGrowth + ";penalty-cap=" + penaltyCap
                + ";max-steps=" + maxSteps + ";seed=" + seed + ";scale-inputs=" + (scaleInputs ? "yes" : "no");
    }

    private static int integer(String key, String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(key, v, "an integer");
        }
    }

    private static double number(String key, String v) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(key, v, "a number");
        }
    }
}
