package org.genmask.data.synthetic;

import java.util.Locale;

/**
 * The colours of synthetic shapes: saturated, far apart, and never equal to a background colour (every shape colour
 * has channels at least 100 apart; backgrounds are near-grey).
 */
public enum ShapeColor {
    RED(220, 40, 40),
    GREEN(40, 170, 60),
    BLUE(40, 80, 220),
    YELLOW(235, 205, 40),
    PURPLE(140, 60, 180),
    ORANGE(240, 130, 30),
    CYAN(40, 190, 200);

    private final int red;
    private final int green;
    private final int blue;

    ShapeColor(int red, int green, int blue) {
        this.red = red;
        this.green = green;
        this.blue = blue;
    }

    /** The word: {@code red}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public int red() {
        return red;
    }

    public int green() {
        return green;
    }

    public int blue() {
        return blue;
    }
}
