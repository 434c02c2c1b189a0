package org.genmask.data.coco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BinaryMaskTest {

    @Test
    void isRowMajor() {
        BinaryMask m = BinaryMask.of(
                "#..",
                "..#");
        assertEquals(3, m.width());
        assertEquals(2, m.height());
        boolean[] p = m.pixels();
        assertTrue(p[0]);
        assertTrue(p[1 * 3 + 2], "pixel (x=2, y=1) is at y * width + x");
        assertTrue(m.get(2, 1));
        assertFalse(m.get(1, 0));
        assertEquals(2, m.area());
        assertEquals("#..\n..#", m.toRows());
    }

    @Test
    void orMergesAndValueEqualityHolds() {
        BinaryMask a = BinaryMask.of("#.", "..");
        BinaryMask b = BinaryMask.of(".#", "..");
        assertEquals(BinaryMask.of("##", ".."), a.or(b));
        assertEquals(BinaryMask.of("#.", ".."), a);
        assertEquals(a.hashCode(), BinaryMask.of("#.", "..").hashCode());
        assertNotEquals(a, b);
        assertNotEquals(BinaryMask.empty(2, 3), BinaryMask.empty(3, 2));
        assertThrows(IllegalArgumentException.class, () -> a.or(BinaryMask.empty(2, 3)));
    }

    @Test
    void refusesBadSizesAndCoordinates() {
        assertThrows(IllegalArgumentException.class, () -> new BinaryMask(2, 2, new boolean[3]));
        assertThrows(IllegalArgumentException.class, () -> BinaryMask.empty(0, 5));
        assertThrows(IllegalArgumentException.class, () -> BinaryMask.empty(50_000, 50_000));
        assertThrows(IllegalArgumentException.class, () -> BinaryMask.of("#.", "#"));
        assertThrows(IllegalArgumentException.class, () -> BinaryMask.of("#x"));
        assertThrows(IndexOutOfBoundsException.class, () -> BinaryMask.of("#.").get(2, 0));
    }
}
