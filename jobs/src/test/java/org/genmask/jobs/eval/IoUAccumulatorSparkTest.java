package org.genmask.jobs.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** 1 and N partitions give identical numbers, in Spark local mode with two threads. */
class IoUAccumulatorSparkTest {
    private static SparkSession spark;
    private static JavaSparkContext sc;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("IoUAccumulatorSparkTest")
                .config("spark.ui.enabled", "false").getOrCreate();
        sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** Random prediction / truth pairs of random sizes, some with empty masks. */
    private static List<PixelMask[]> pairs(int n, long seed) {
        Random rng = new Random(seed);
        List<PixelMask[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int w = 1 + rng.nextInt(13);
            int h = 1 + rng.nextInt(11);
            double pFill = i % 10 == 0 ? 0 : rng.nextDouble();
            double tFill = i % 15 == 0 ? 0 : rng.nextDouble();
            boolean[] p = new boolean[w * h];
            boolean[] t = new boolean[w * h];
            for (int k = 0; k < p.length; k++) {
                p[k] = rng.nextDouble() < pFill;
                t[k] = rng.nextDouble() < tFill;
            }
            out.add(new PixelMask[] {new PixelMask(w, h, p), new PixelMask(w, h, t)});
        }
        return out;
    }

    private static SegmentationMetrics evaluate(JavaRDD<PixelMask[]> rdd) {
        return rdd.treeAggregate(new IoUAccumulator(), (a, pair) -> a.add(SampleIoU.of(pair[0], pair[1])),
                IoUAccumulator::merge, 2).metrics();
    }

    @Test
    void oneAndThreePartitionsGiveExactlyEqualDoubles() {
        List<PixelMask[]> data = pairs(997, 3);
        SegmentationMetrics one = evaluate(sc.parallelize(data, 1));
        SegmentationMetrics three = evaluate(sc.parallelize(data, 3));
        SegmentationMetrics seven = evaluate(sc.parallelize(data, 7));
        assertEquals(997, one.samples());
        assertEquals(Double.doubleToLongBits(one.ciou()), Double.doubleToLongBits(three.ciou()));
        assertEquals(Double.doubleToLongBits(one.giou()), Double.doubleToLongBits(three.giou()));
        assertEquals(one, three);
        assertEquals(one, seven);
        IoUAccumulator local = new IoUAccumulator();
        data.forEach(pair -> local.add(SampleIoU.of(pair[0], pair[1])));
        assertEquals(local.metrics(), one);
    }
}
