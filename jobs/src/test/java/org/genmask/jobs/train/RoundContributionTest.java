package org.genmask.jobs.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Map;
import java.util.SplittableRandom;
import org.genmask.dtype.BFloat16;
import org.junit.jupiter.api.Test;

class RoundContributionTest {

    private static RoundContribution worker(long seed, int n) {
        return worker(seed, n, false);
    }

    private static RoundContribution worker(long seed, int n, boolean bfloat16Moments) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] p = new float[n];
        float[] m = new float[2 * n];
        for (int i = 0; i < n; i++) {
            p[i] = (float) rng.nextGaussian();
            m[i] = (float) rng.nextGaussian();
            m[n + i] = (float) rng.nextDouble();
        }
        return RoundContribution.of(ShippedVector.of(p, false), ShippedVector.of(m, bfloat16Moments), Map.of(), 16,
                1000 + seed, seed);
    }

    private static byte[] serialized(RoundContribution c) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(c);
        }
        return bytes.toByteArray();
    }

    private static int serializedBytes(RoundContribution c) throws IOException {
        return serialized(c).length;
    }

    private static RoundContribution roundTrip(RoundContribution c) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(serialized(c)))) {
            return (RoundContribution) in.readObject();
        }
    }

    @Test
    void workerResultsAndSumsSurviveSerialisationBitForBit() throws Exception {
        int n = 300_000;                                       // more than one 1 MB chunk of floats and of doubles
        RoundContribution single = RoundContribution.empty().merge(worker(1, n));
        RoundContribution back = roundTrip(single);
        assertArrayEquals(single.meanParams(null, 0).values(), back.meanParams(null, 0).values());
        assertArrayEquals(single.meanMoments(false).values(), back.meanMoments(false).values());
        assertEquals(16, back.examples);
        RoundContribution summed = RoundContribution.empty().merge(worker(1, n)).merge(worker(2, n));
        RoundContribution summedBack = roundTrip(summed);
        assertEquals(2, summedBack.workers);
        assertArrayEquals(summed.meanParams(null, 0).values(), summedBack.meanParams(null, 0).values());
        assertArrayEquals(summed.meanMoments(false).values(), summedBack.meanMoments(false).values());
        // merging after the trip gives what merging before it gives
        assertArrayEquals(RoundContribution.empty().merge(worker(3, n)).merge(summed).meanParams(null, 0).values(),
                RoundContribution.empty().merge(roundTrip(worker(3, n))).merge(summedBack).meanParams(null, 0).values());
        assertEquals(0, roundTrip(RoundContribution.empty()).workers);
    }

    @Test
    void theAverageDoesNotDependOnTheMergeOrder() {
        int n = 1000;
        RoundContribution abc = RoundContribution.empty().merge(worker(1, n)).merge(worker(2, n)).merge(worker(3, n));
        RoundContribution cab = RoundContribution.empty().merge(worker(3, n))
                .merge(RoundContribution.empty().merge(worker(1, n)).merge(worker(2, n)));
        assertEquals(3, abc.workers);
        assertArrayEquals(abc.meanParams(null, 0).values(), cab.meanParams(null, 0).values());
        assertArrayEquals(abc.meanMoments(false).values(), cab.meanMoments(false).values());
        float[] p1 = RoundContribution.empty().merge(worker(1, n)).meanParams(null, 0).values();
        float[] p2 = RoundContribution.empty().merge(worker(2, n)).meanParams(null, 0).values();
        float[] p3 = RoundContribution.empty().merge(worker(3, n)).meanParams(null, 0).values();
        assertEquals((p1[7] + (double) p2[7] + p3[7]) / 3, abc.meanParams(null, 0).values()[7], 1e-6);
        assertEquals(1003, abc.maxComputeNanos);
        assertEquals(48, abc.examples);
    }

    @Test
    void oneWorkersAverageIsItsOwnVector() {
        RoundContribution one = worker(5, 100);
        float[] own = one.meanParams(null, 0).values();
        assertArrayEquals(own, RoundContribution.empty().merge(one).meanParams(null, 0).values());
    }

    @Test
    void upToTwoWorkersShipAsFloatsAndMoreAsDoubleSums() throws IOException {
        int n = 50_000;
        RoundContribution folded = RoundContribution.empty().merge(worker(1, n));   // what Spark's fold sends
        RoundContribution two = RoundContribution.empty().merge(worker(1, n)).merge(worker(2, n));
        RoundContribution three = RoundContribution.empty().merge(worker(1, n)).merge(worker(2, n))
                .merge(worker(3, n));
        int one = serializedBytes(folded);
        assertTrue(one < 3 * n * 4 + 4096, "a single worker's result is " + one + " bytes");
        int pair = serializedBytes(two);
        assertTrue(pair < 2 * 3 * n * 4 + 4096, "two workers' result is " + pair + " bytes: still floats");
        assertTrue(serializedBytes(three) > 3 * n * 8, "three workers' result is folded into double sums");
    }

    @Test
    void everyAverageIsTheFloatOfTheDoubleSumOverTheWorkers() {
        int n = 5000;
        RoundContribution[] w = {worker(1, n), worker(2, n), worker(3, n), worker(4, n)};
        float[][] p = new float[w.length][];
        float[][] m = new float[w.length][];
        for (int k = 0; k < w.length; k++) {
            p[k] = w[k].meanParams(null, 0).values();
            m[k] = w[k].meanMoments(false).values();
        }
        for (int workers = 2; workers <= w.length; workers++) {
            RoundContribution merged = RoundContribution.empty();
            for (int k = 0; k < workers; k++) {
                merged.merge(w[k]);
            }
            assertEquals(workers, merged.workers);
            assertArrayEquals(expectedMean(p, workers), merged.meanParams(null, 0).values(), workers + " workers' parameters");
            assertArrayEquals(expectedMean(m, workers), merged.meanMoments(false).values(),
                    workers + " workers' moments");
        }
    }

    @Test
    void bfloat16MomentsShipInHalfTheBytesAndAverageTheirRoundedValues() throws Exception {
        int n = 50_000;
        RoundContribution f32 = worker(1, n, false);
        RoundContribution bf16 = worker(1, n, true);
        int full = serializedBytes(f32);
        int half = serializedBytes(bf16);
        assertTrue(full > 3 * n * 4 && full < 3 * n * 4 + 4096, "float32 result " + full + " bytes");
        assertTrue(half > 2 * n * 4 && half < 2 * n * 4 + 4096, "bfloat16 moments: " + half + " bytes");
        float[] exact = f32.meanMoments(false).values();
        float[] rounded = roundTrip(bf16).meanMoments(false).values();
        for (int i = 0; i < exact.length; i++) {
            assertEquals(BFloat16.value(BFloat16.bits(exact[i])), rounded[i], "moment " + i);
        }
        assertArrayEquals(f32.meanParams(null, 0).values(), bf16.meanParams(null, 0).values(), "parameters always travel as float32");
        for (int workers = 2; workers <= 3; workers++) {
            RoundContribution merged = RoundContribution.empty();
            float[][] m = new float[workers][];
            for (int k = 0; k < workers; k++) {
                merged.merge(roundTrip(worker(k + 1, n, true)));
                m[k] = worker(k + 1, n, true).meanMoments(false).values();   // each worker's rounded moments
            }
            float[] mean = merged.meanMoments(false).values();
            assertArrayEquals(expectedMean(m, workers), mean, workers + " workers' moments");
            float[] shipped = merged.meanMoments(true).values();      // what the next round broadcasts
            for (int i = 0; i < mean.length; i++) {
                assertEquals(BFloat16.value(BFloat16.bits(mean[i])), shipped[i], "moment " + i);
            }
        }
    }

    @Test
    void theEmaIsUpdatedInTheAveragingPassAsInASeparateOne() {
        int n = 3 * (1 << 20) + 17;                            // several blocks of the parallel pass
        for (int workers = 1; workers <= 3; workers++) {
            RoundContribution merged = RoundContribution.empty();
            for (int k = 0; k < workers; k++) {
                merged.merge(worker(k + 1, n));
            }
            float[] ema = new float[n];
            for (int i = 0; i < n; i++) {
                ema[i] = (float) Math.sin(i);
            }
            float[] expected = ema.clone();
            float[] mean = merged.meanParams(null, 0).values();
            double d = 0.98;
            for (int i = 0; i < n; i++) {
                expected[i] = (float) (d * expected[i] + (1 - d) * mean[i]);
            }
            assertArrayEquals(mean, merged.meanParams(ema, d).values(), workers + " workers' parameters");
            assertArrayEquals(expected, ema, workers + " workers' EMA");
        }
    }

    private static float[] expectedMean(float[][] vectors, int workers) {
        float[] out = new float[vectors[0].length];
        for (int i = 0; i < out.length; i++) {
            double sum = 0;
            for (int k = 0; k < workers; k++) {
                sum += vectors[k][i];
            }
            out[i] = (float) (sum / workers);
        }
        return out;
    }
}
