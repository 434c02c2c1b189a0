package org.genmask.data.synthetic;

/**
 * The extreme positions within a group of objects ("the leftmost circle"), with the words for a group of exactly two
 * ("the circle on the left", "the upper circle").
 */
public enum Extreme {
    LEFTMOST("leftmost", "", " on the left"),
    RIGHTMOST("rightmost", "", " on the right"),
    TOPMOST("topmost", "upper ", ""),
    BOTTOMMOST("bottommost", "lower ", "");

    private final String word;
    private final String pairPrefix;
    private final String pairSuffix;

    Extreme(String word, String pairPrefix, String pairSuffix) {
        this.word = word;
        this.pairPrefix = pairPrefix;
        this.pairSuffix = pairSuffix;
    }

    /** The superlative: {@code the leftmost <description>}. */
    public String superlative(Description d) {
        return "the " + word + " " + d.phrase();
    }

    /** The form for a group of two: {@code the <description> on the left}, {@code the upper <description>}. */
    public String ofTwo(Description d) {
        return "the " + pairPrefix + d.phrase() + pairSuffix;
    }

    /** The object's key on this axis: smaller is more extreme. */
    public double key(SceneObject o) {
        switch (this) {
            case LEFTMOST:
                return o.x();
            case RIGHTMOST:
                return -o.x();
            case TOPMOST:
                return o.y();
            case BOTTOMMOST:
                return -o.y();
            default:
                throw new IllegalStateException("unknown extreme " + this);
        }
    }

    /**
     * Whether {@code target} is the extreme of {@code group} by at least {@link Relation#CLEAR} over every other
     * member.
     */
    public boolean clearlyExtreme(SceneObject target, java.util.List<SceneObject> group) {
        for (SceneObject o : group) {
            if (o != target && key(o) - key(target) < Relation.CLEAR) {
                return false;
            }
        }
        return true;
    }
}
