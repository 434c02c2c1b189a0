package org.genmask.data.synthetic;

/**
 * Spatial relations between two objects, read on one axis as in CLEVR: "A to the left of B" compares centre x
 * only. {@link #margin} is how far the relation holds (negative: the opposite holds). The generator calls a
 * relation <em>clearly true</em> at margin &gt;= {@link #CLEAR} and <em>clearly false</em> at margin &lt;= 0, and
 * uses a relation in a referring expression only when it is clearly true for the target and clearly false for every
 * other candidate; the crisp reading (margin &gt; {@link #CLEAR}/2) then agrees everywhere.
 */
public enum Relation {
    LEFT_OF("to the left of"),
    RIGHT_OF("to the right of"),
    ABOVE("above"),
    BELOW("below");

    /** The margin (unit image coordinates) from which a relation or an extreme counts as clear. */
    public static final double CLEAR = 0.10;

    private final String words;

    Relation(String words) {
        this.words = words;
    }

    /** The words: {@code to the left of}, {@code above}. */
    public String words() {
        return words;
    }

    /** How far {@code a} is in this relation to {@code b} (e.g. LEFT_OF: b.x - a.x). */
    public double margin(SceneObject a, SceneObject b) {
        switch (this) {
            case LEFT_OF:
                return b.x() - a.x();
            case RIGHT_OF:
                return a.x() - b.x();
            case ABOVE:
                return b.y() - a.y();
            case BELOW:
                return a.y() - b.y();
            default:
                throw new IllegalStateException("unknown relation " + this);
        }
    }

    /** Whether the relation clearly holds (margin &gt;= {@link #CLEAR}). */
    public boolean clearlyHolds(SceneObject a, SceneObject b) {
        return margin(a, b) >= CLEAR;
    }

    /** Whether the relation clearly fails (margin &lt;= 0). */
    public boolean clearlyFails(SceneObject a, SceneObject b) {
        return margin(a, b) <= 0;
    }
}
