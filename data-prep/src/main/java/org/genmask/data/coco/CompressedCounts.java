package org.genmask.data.coco;

import java.util.Arrays;

/**
 * The COCO text form of RLE counts (pycocotools {@code rleToString} / {@code rleFrString}).
 *
 * <p>Each count becomes a value x: the count itself for the first three counts (indices 0, 1, 2) and, from index 3 on,
 * the difference to the count two places earlier (the previous run of the same colour), which may be negative.
 * x is written as a little-endian sequence of 5-bit groups in two's complement, one character per group: the
 * character is 48 + (group | 0x20 when more groups follow), so every character lies in '0' (48) .. 'o' (111).
 * Writing stops once the remaining high bits are pure sign extension of bit 4 of the last group (0 when that bit is 0,
 * -1 when it is 1); reading sign-extends from bit 4 of the last group.
 *
 * <p>Arithmetic here is 64-bit, so every count of a mask that fits in a Java array round-trips; pycocotools'
 * 32-bit shifts would misread counts of 2^29 and more, which no real image reaches.
 */
final class CompressedCounts {

    private static final int FIRST = 48;
    private static final int LAST = 111;

    private CompressedCounts() {
    }

    /** Encodes counts (each &gt;= 0) as the COCO counts string. */
    static String encode(int[] counts) {
        StringBuilder sb = new StringBuilder(counts.length * 2);
        for (int i = 0; i < counts.length; i++) {
            long x = counts[i];
            if (i > 2) {
                x -= counts[i - 2];
            }
            boolean more = true;
            while (more) {
                int c = (int) (x & 0x1f);
                x >>= 5;
                more = (c & 0x10) != 0 ? x != -1 : x != 0;
                if (more) {
                    c |= 0x20;
                }
                sb.append((char) (c + FIRST));
            }
        }
        return sb.toString();
    }

    /**
     * Decodes a COCO counts string.
     *
     * @throws IllegalArgumentException naming the character position when a character is outside '0'..'o', the
     *                                  string ends inside a value, or a count comes out negative or too large
     */
    static int[] decode(String s) {
        int[] out = new int[s.length()];
        int m = 0;
        int p = 0;
        while (p < s.length()) {
            int start = p;
            long x = 0;
            int k = 0;
            boolean more = true;
            while (more) {
                if (p >= s.length()) {
                    throw new IllegalArgumentException("counts string ends inside the value that starts at character "
                            + start);
                }
                char ch = s.charAt(p);
                if (ch < FIRST || ch > LAST) {
                    throw new IllegalArgumentException("counts string has '" + ch + "' (code " + (int) ch
                            + ") at character " + p + "; only '0'..'o' occur");
                }
                if (k >= 12) {
                    throw new IllegalArgumentException("counts string has a value longer than 12 characters at character "
                            + start);
                }
                int c = ch - FIRST;
                x |= (long) (c & 0x1f) << (5 * k);
                more = (c & 0x20) != 0;
                p++;
                k++;
                if (!more && (c & 0x10) != 0) {
                    x |= -1L << (5 * k);
                }
            }
            if (m > 2) {
                x += out[m - 2];
            }
            if (x < 0 || x > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("counts string decodes count " + m + " (at character " + start
                        + ") to " + x + "; counts must be in [0, " + Integer.MAX_VALUE + "]");
            }
            out[m++] = (int) x;
        }
        return Arrays.copyOf(out, m);
    }
}
