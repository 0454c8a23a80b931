package org.memsweep.engine.data;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.memsweep.engine.InvalidParameterException;

/**
 * Edge lengths r_n of a data set (science.md §2): fixed ({@code "1"}, {@code "fixed(2)"}) or drawn
 * uniformly per edge ({@code "uniform(0.5,1.5)"}).
 */
public record Norms(double lo, double hi) {
    private static final Pattern FIXED = Pattern.compile("(?:fixed\\()?\\s*([^,()\\s]+)\\s*\\)?");
    private static final Pattern UNIFORM = Pattern.compile("uniform\\(\\s*([^,\\s]+)\\s*,\\s*([^,\\s)]+)\\s*\\)");
    private static final String ALLOWED = "a positive number like 1 or fixed(1), or uniform(a,b) with 0 < a < b";

    public Norms {
        if (!(lo > 0) || !(hi >= lo) || !Double.isFinite(hi)) {
            throw new InvalidParameterException("norms", lo == hi ? lo : "uniform(" + lo + "," + hi + ")", ALLOWED);
        }
    }

    public static Norms fixed(double r) {
        return new Norms(r, r);
    }

    public boolean isFixed() {
        return lo == hi;
    }

    /** Parses the spec syntax. */
    public static Norms parse(String text) {
        String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        try {
            Matcher u = UNIFORM.matcher(s);
            if (u.matches()) {
                double a = Double.parseDouble(u.group(1)), b = Double.parseDouble(u.group(2));
                if (!(a > 0 && b > a && Double.isFinite(b))) throw new InvalidParameterException("norms", text, ALLOWED);
                return new Norms(a, b);
            }
            Matcher f = FIXED.matcher(s);
            if (f.matches() && (s.startsWith("fixed(") == s.endsWith(")"))) {
                double r = Double.parseDouble(f.group(1));
                if (!(r > 0) || !Double.isFinite(r)) throw new InvalidParameterException("norms", text, ALLOWED);
                return fixed(r);
            }
        } catch (NumberFormatException e) {
            // fall through to the one message below
        }
        throw new InvalidParameterException("norms", text, ALLOWED);
    }

    /** The canonical spec text: {@code fixed(r)} or {@code uniform(a,b)}. */
    @Override
    public String toString() {
        return isFixed() ? "fixed(" + lo + ")" : "uniform(" + lo + "," + hi + ")";
    }
}
