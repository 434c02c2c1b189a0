package org.genmask.diffusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TimestepBucketsTest {

    private final TimestepBuckets ten = new TimestepBuckets(10);

    @Test
    void edgesStartTheUpperBucketAndOneIsInTheLast() {
        assertEquals(0, ten.bucketOf(0.0));
        assertEquals(0, ten.bucketOf(Math.nextDown(0.1)));
        assertEquals(1, ten.bucketOf(0.1));
        assertEquals(8, ten.bucketOf(Math.nextDown(0.9)));
        assertEquals(9, ten.bucketOf(0.9));
        assertEquals(9, ten.bucketOf(0.95));
        assertEquals(9, ten.bucketOf(1.0));
    }

    @Test
    void everyDoubleEdgeIOverKStartsBucketI() {
        for (int k : new int[] {1, 3, 7, 10, 49, 100, 1000}) {
            TimestepBuckets buckets = new TimestepBuckets(k);
            for (int i = 0; i < k; i++) {
                double edge = (double) i / k;
                assertEquals(i, buckets.bucketOf(edge), "k=" + k + " edge " + edge);
                if (i > 0) {
                    assertEquals(i - 1, buckets.bucketOf(Math.nextDown(edge)), "k=" + k + " below edge " + edge);
                }
            }
            assertEquals(k - 1, buckets.bucketOf(1.0));
        }
    }

    @Test
    void floatTimesUseFloatEdges() {
        for (int i = 0; i < 10; i++) {
            float edge = i / 10f;
            assertEquals(i, ten.bucketOf(edge), "float edge " + edge);
            if (i > 0) {
                assertEquals(i - 1, ten.bucketOf(Math.nextDown(edge)), "below float edge " + edge);
            }
        }
        assertEquals(9, ten.bucketOf(1.0f));
        assertEquals(7, ten.bucketOf(0.7), "the double 0.7 is an edge");
        assertEquals(6, ten.bucketOf((double) 0.7f), "the double value of 0.7f lies below the double edge 0.7");
        assertEquals(7, ten.bucketOf(0.7f), "but 0.7f starts the bucket of float edge 0.7f");
    }

    @Test
    void labelsShowHalfOpenBucketsAndAClosedLastOne() {
        assertEquals("[0.00,0.10)", ten.label(0));
        assertEquals("[0.90,1.00]", ten.label(9));
        assertEquals(List.of("[0.00,0.33)", "[0.33,0.67)", "[0.67,1.00]"), new TimestepBuckets(3).labels());
        assertEquals(List.of("[0.00,1.00]"), new TimestepBuckets(1).labels());
        assertEquals("[0.999,1.000]", new TimestepBuckets(1000).label(999));
        assertEquals(0.9, ten.lower(9), 0.0);
        assertEquals(1.0, ten.upper(9), 0.0);
    }

    @Test
    void countsAndPerBucketMeans() {
        float[] s = {0.05f, 0.02f, 0.5f, 1.0f, 0.95f, 0.9f};
        float[] loss = {1f, 3f, 10f, 4f, 6f, 8f};
        assertArrayEquals(new int[] {0, 0, 5, 9, 9, 9}, ten.assign(s));
        assertArrayEquals(new long[] {2, 0, 0, 0, 0, 1, 0, 0, 0, 3}, ten.counts(s));
        double[] means = ten.meanPerBucket(s, loss);
        assertEquals(2.0, means[0], 1e-12);
        assertEquals(10.0, means[5], 1e-12);
        assertEquals(6.0, means[9], 1e-12);
        assertTrue(Double.isNaN(means[1]), "empty bucket");
        assertEquals(10, means.length);
    }

    @Test
    void rejectsBadInput() {
        assertMessage("bucket count k must be >= 1, got 0", () -> new TimestepBuckets(0));
        assertMessage("s must be in [0, 1], got 1.0000001", () -> ten.bucketOf(1.0000001));
        assertMessage("s must be in [0, 1], got -0.5", () -> ten.bucketOf(-0.5f));
        assertMessage("s must be in [0, 1], got NaN", () -> ten.bucketOf(Double.NaN));
        assertMessage("bucket index must be in [0, 9], got 10", () -> ten.label(10));
        assertMessage("values length 1 must equal s length 2",
                () -> ten.meanPerBucket(new float[] {0f, 1f}, new float[] {1f}));
    }

    private static void assertMessage(String expected, Runnable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertEquals(expected, e.getMessage());
    }
}
