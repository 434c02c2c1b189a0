package org.genmask.data.synthetic;

/**
 * One shape of a synthetic scene, in unit image coordinates (x right, y down, both in [0, 1]).
 *
 * @param shape  the shape
 * @param color  its colour
 * @param size   its size class
 * @param x      centre x
 * @param y      centre y
 * @param radius the size r (see {@link ShapeKind}), within the size class's range
 */
public record SceneObject(ShapeKind shape, ShapeColor color, ShapeSize size, double x, double y, double radius) {

    /** Validates the fields. */
    public SceneObject {
        if (shape == null || color == null || size == null) {
            throw new IllegalArgumentException("shape, color and size are required");
        }
        if (!(x >= 0 && x <= 1 && y >= 0 && y <= 1)) {
            throw new IllegalArgumentException("centre must lie in the unit square, got " + x + ", " + y);
        }
        if (!(radius >= 0.5 * size.min() && radius <= 2 * size.max())) {
            throw new IllegalArgumentException("radius " + radius + " is outside the " + size.word() + " range ["
                    + size.min() + ", " + size.max() + "] at any object scale in [0.5, 2]");
        }
    }

    /** The radius of a circle about the centre that holds the whole shape. */
    public double bound() {
        return radius * shape.extent();
    }

    /** Whether the unit-coordinate point (px, py) lies inside the shape. */
    public boolean contains(double px, double py) {
        return shape.contains(px - x, py - y, radius);
    }

    /** The object mirrored left-right ({@code x -> 1 - x}); every shape here is left-right symmetric. */
    public SceneObject mirrored() {
        return new SceneObject(shape, color, size, 1 - x, y, radius);
    }
}
