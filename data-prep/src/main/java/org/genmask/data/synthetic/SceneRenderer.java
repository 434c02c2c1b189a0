package org.genmask.data.synthetic;

/**
 * Renders scenes at {@code size x size} pixels without antialiasing: pixel (px, py) shows an object iff its centre
 * ((px + 0.5) / size, (py + 0.5) / size) lies inside the object, so an object's mask is exactly the set of pixels
 * painted in its colour.
 */
public final class SceneRenderer {

    private SceneRenderer() {
    }

    /** The image as interleaved 8-bit RGB, row-major ({@code 3 * size * size} bytes). */
    public static byte[] rgb(Scene scene, int size) {
        return rgb(scene, size, masks(scene, size));
    }

    /** The image, given the objects' masks ({@link #masks}). */
    public static byte[] rgb(Scene scene, int size, boolean[][] masks) {
        byte[] out = new byte[3 * size * size];
        Background bg = scene.background();
        double cos = bg.gradient() * Math.cos(bg.angle());
        double sin = bg.gradient() * Math.sin(bg.angle());
        boolean plain = bg.gradient() == 0 && bg.noise() == 0;
        for (int py = 0; py < size; py++) {
            for (int px = 0; px < size; px++) {
                int o = plain ? 0 : bg.offset(px, py, size, cos, sin);
                int i = 3 * (py * size + px);
                out[i] = (byte) clamp(bg.red() + o);
                out[i + 1] = (byte) clamp(bg.green() + o);
                out[i + 2] = (byte) clamp(bg.blue() + o);
            }
        }
        for (int k = 0; k < masks.length; k++) {
            ShapeColor c = scene.objects().get(k).color();
            boolean[] m = masks[k];
            for (int p = 0; p < m.length; p++) {
                if (m[p]) {
                    out[3 * p] = (byte) c.red();
                    out[3 * p + 1] = (byte) c.green();
                    out[3 * p + 2] = (byte) c.blue();
                }
            }
        }
        return out;
    }

    /** Every object's mask, in scene order. */
    public static boolean[][] masks(Scene scene, int size) {
        boolean[][] out = new boolean[scene.objects().size()][];
        for (int k = 0; k < out.length; k++) {
            out[k] = mask(scene.objects().get(k), size);
        }
        return out;
    }

    /** The object's mask, row-major ({@code size * size}). */
    public static boolean[] mask(SceneObject object, int size) {
        boolean[] out = new boolean[size * size];
        paint(object, size, (py, px) -> out[py * size + px] = true);
        return out;
    }

    private interface PixelSink {
        void set(int py, int px);
    }

    private static void paint(SceneObject obj, int size, PixelSink sink) {
        double b = obj.bound();
        int x0 = Math.max(0, (int) Math.floor((obj.x() - b) * size) - 1);
        int x1 = Math.min(size - 1, (int) Math.ceil((obj.x() + b) * size) + 1);
        int y0 = Math.max(0, (int) Math.floor((obj.y() - b) * size) - 1);
        int y1 = Math.min(size - 1, (int) Math.ceil((obj.y() + b) * size) + 1);
        for (int py = y0; py <= y1; py++) {
            double v = (py + 0.5) / size;
            for (int px = x0; px <= x1; px++) {
                if (obj.contains((px + 0.5) / size, v)) {
                    sink.set(py, px);
                }
            }
        }
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
