package org.genmask.data.coco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CompressedCountsTest {

    /**
     * Worked by hand through rleToString. Counts [40, 3, 100, 1, 56]; values x = 40, 3, 100 (first three as they
     * are), then 1 - 3 = -2 and 56 - 100 = -44 (delta to the count two back).
     * <ul>
     *   <li>40 = 0b1_01000: group 8, rest 1 (more) -> 8|0x20 = 40 -> 'X'; group 1, rest 0, bit 4 clear -> '1'.</li>
     *   <li>3 -> '3'.</li>
     *   <li>100 = 0b11_00100: group 4, rest 3 -> 36 -> 'T'; group 3 -> '3'.</li>
     *   <li>-2: group 30 (0b11110), rest -1 and bit 4 set -> stop -> 30 -> 'N'.</li>
     *   <li>-44: group -44 &amp; 31 = 20, rest -2 (not -1) -> 52 -> 'd'; group 30, rest -1 -> 'N'.</li>
     * </ul>
     */
    @Test
    void encodesDeltasAndNegativeValuesByHand() {
        int[] counts = {40, 3, 100, 1, 56};
        assertEquals("X13T3NdN", CompressedCounts.encode(counts));
        assertArrayEquals(counts, CompressedCounts.decode("X13T3NdN"));
    }

    /** pycocotools: frPyObjects of the uncompressed RLE below on 25 x 25 gives this string (recorded upstream). */
    @Test
    void matchesPycocotoolsForAnUncompressedRle() {
        int[] counts = {130, 5, 20, 5, 20, 5, 20, 5, 20, 5, 390};
        assertEquals("R45d00000000b;", CompressedCounts.encode(counts));
        assertArrayEquals(counts, CompressedCounts.decode("R45d00000000b;"));
    }

    @Test
    void smallCountsAreOneCharacterEach() {
        // 2, 5, 5 are below 16 and among the first three counts: one char each, '0' + value
        assertEquals("255", CompressedCounts.encode(new int[] {2, 5, 5}));
        assertEquals("", CompressedCounts.encode(new int[0]));
        assertArrayEquals(new int[0], CompressedCounts.decode(""));
    }

    @Test
    void roundTripsRandomCounts() {
        Random r = new Random(7);
        for (int trial = 0; trial < 500; trial++) {
            int[] c = new int[1 + r.nextInt(40)];
            for (int i = 0; i < c.length; i++) {
                c[i] = switch (r.nextInt(4)) {
                    case 0 -> r.nextInt(3);
                    case 1 -> r.nextInt(100);
                    case 2 -> r.nextInt(100_000);
                    default -> r.nextInt(Integer.MAX_VALUE);
                };
            }
            String s = CompressedCounts.encode(c);
            assertTrue(s.chars().allMatch(ch -> ch >= '0' && ch <= 'o'), s);
            assertArrayEquals(c, CompressedCounts.decode(s));
        }
    }

    @Test
    void refusesCharactersOutsideTheAlphabet() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CompressedCounts.decode("12p"));
        assertTrue(e.getMessage().contains("'p'") && e.getMessage().contains("character 2"), e.getMessage());
    }

    @Test
    void refusesAStringThatEndsInsideAValue() {
        // 'X' has the continuation bit 0x20 set
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CompressedCounts.decode("1X"));
        assertTrue(e.getMessage().contains("ends inside"), e.getMessage());
    }

    @Test
    void refusesNegativeCounts() {
        // 'N' alone is -2
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CompressedCounts.decode("N"));
        assertTrue(e.getMessage().contains("-2"), e.getMessage());
    }
}
