package org.memsweep.engine;

/**
 * A parameter the engine cannot accept. The message always names the parameter, the value given
 * and what is allowed, so that the command line can print it as it is and exit with code 2.
 */
public final class InvalidParameterException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String parameter;

    public InvalidParameterException(String parameter, Object value, String allowed) {
        super(parameter + " = " + render(value) + " is not allowed: " + allowed);
        this.parameter = parameter;
    }

    private InvalidParameterException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    /** The same error with where it happened appended, e.g. the grid cell it came from. */
    public InvalidParameterException inContext(String context) {
        return new InvalidParameterException(parameter, getMessage() + " — " + context);
    }

    /** The spec key of the offending parameter, e.g. {@code sigma-max}. */
    public String parameter() {
        return parameter;
    }

    private static String render(Object value) {
        if (value instanceof Double v) {
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf(v.longValue()) : String.valueOf(v);
        }
        return String.valueOf(value);
    }

    /** Checks {@code value} is finite and strictly positive. */
    public static double requirePositive(String parameter, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new InvalidParameterException(parameter, value, "a finite number > 0");
        }
        return value;
    }

    /** Checks {@code value} is finite. */
    public static double requireFinite(String parameter, double value) {
        if (!Double.isFinite(value)) {
            throw new InvalidParameterException(parameter, value, "a finite number");
        }
        return value;
    }
}
