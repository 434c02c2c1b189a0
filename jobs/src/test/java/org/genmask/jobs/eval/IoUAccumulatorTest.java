package org.genmask.jobs.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IoUAccumulatorTest {

    /** (I, U): IoU 0.5, 0.75, empty union (1 by rule), 0, 0.9. */
    private static final long[][] HAND_MADE = {{1, 2}, {3, 4}, {0, 0}, {0, 5}, {9, 10}};

    private static IoUAccumulator of(List<SampleIoU> samples) {
        IoUAccumulator a = new IoUAccumulator();
        samples.forEach(a::add);
        return a;
    }

    private static List<SampleIoU> handMade() {
        List<SampleIoU> out = new ArrayList<>();
        for (long[] s : HAND_MADE) {
            out.add(new SampleIoU(s[0], s[1]));
        }
        return out;
    }

    @Test
    void handMadeNumbers() {
        SegmentationMetrics m = of(handMade()).metrics();
        assertEquals(5, m.samples());
        assertEquals(13, m.intersection());
        assertEquals(21, m.union());
        assertEquals(1, m.emptyUnions());
        assertEquals(13.0 / 21, m.ciou());
        assertEquals(0.63, m.giou(), 0.0);            // (0.5 + 0.75 + 1 + 0 + 0.9) / 5, correctly rounded
        assertEquals(0.8, m.precisionAt(50));
        assertEquals(0.6, m.precisionAt(60));
        assertEquals(0.6, m.precisionAt(70));
        assertEquals(0.4, m.precisionAt(80));
        assertEquals(0.4, m.precisionAt(90));
    }

    @Test
    void emptyUnionsOnlyGiveOne() {
        SegmentationMetrics m = of(List.of(new SampleIoU(0, 0), new SampleIoU(0, 0))).metrics();
        assertEquals(1.0, m.ciou());
        assertEquals(1.0, m.giou());
        assertEquals(1.0, m.precisionAt(90));
    }

    @Test
    void noSamplesIsAnError() {
        assertThrows(IllegalStateException.class, () -> new IoUAccumulator().metrics());
    }

    @Test
    void anyOrderAndGroupingGiveIdenticalBits() {
        Random rng = new Random(7);
        List<SampleIoU> samples = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            long u = 1 + rng.nextInt(100_000);
            samples.add(new SampleIoU(rng.nextInt((int) u + 1), u));
        }
        SegmentationMetrics sequential = of(samples).metrics();
        double naive = 0;
        double naiveReversed = 0;
        for (int i = 0; i < samples.size(); i++) {
            naive += samples.get(i).iou();
            naiveReversed += samples.get(samples.size() - 1 - i).iou();
        }
        assertNotEquals(naive, naiveReversed, "the data should expose double non-associativity");
        for (int trial = 0; trial < 5; trial++) {
            List<SampleIoU> shuffled = new ArrayList<>(samples);
            Collections.shuffle(shuffled, rng);
            IoUAccumulator merged = new IoUAccumulator();
            int from = 0;
            while (from < shuffled.size()) {
                int to = Math.min(shuffled.size(), from + 1 + rng.nextInt(300));
                merged = of(shuffled.subList(from, to)).merge(merged);
                from = to;
            }
            assertEquals(sequential, merged.metrics());
        }
    }
}
