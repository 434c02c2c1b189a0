package org.genmask.jobs.eval;

import java.io.IOException;

/**
 * A ground-truth mask that cannot be read (missing, undecodable), with a one-line message naming the file and the
 * example. Thrown on an executor; {@link EvaluateJob} unwraps it from Spark's job failure so that the driver reports
 * this message rather than a stage failure with a stack trace.
 */
final class GroundTruthException extends IOException {
    private static final long serialVersionUID = 1L;

    GroundTruthException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The first {@code GroundTruthException} in a cause chain, or null. */
    static GroundTruthException find(Throwable t) {
        for (Throwable c = t; c != null && c != c.getCause(); c = c.getCause()) {
            if (c instanceof GroundTruthException g) {
                return g;
            }
        }
        return null;
    }
}
