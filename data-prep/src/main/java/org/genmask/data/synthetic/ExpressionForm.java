package org.genmask.data.synthetic;

/** The kinds of referring expression the synthetic grammar produces (see {@link ReferringExpressions}). */
public enum ExpressionForm {
    /** {@code the small red circle}: attributes alone. */
    ATTRIBUTES,
    /** {@code the leftmost circle}: the extreme of a group. */
    SUPERLATIVE,
    /** {@code the circle on the left}, {@code the upper red shape}: position within a group of two. */
    POSITION_OF_TWO,
    /** {@code the larger of the two circles}: size within a group of two. */
    COMPARATIVE,
    /** {@code the circle to the left of the blue square}: relation to a uniquely described landmark. */
    RELATION
}
