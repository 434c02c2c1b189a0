package org.genmask.data.synthetic;

/**
 * A referring expression with its form.
 *
 * @param text the expression, lower case, e.g. {@code the larger of the two circles}
 * @param form its form
 */
public record ReferringExpression(String text, ExpressionForm form) {

    /** Validates the fields. */
    public ReferringExpression {
        if (text == null || text.isBlank() || form == null) {
            throw new IllegalArgumentException("an expression needs text and a form");
        }
    }
}
