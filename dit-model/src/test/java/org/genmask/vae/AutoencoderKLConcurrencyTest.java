package org.genmask.vae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class AutoencoderKLConcurrencyTest {

    @Test
    void concurrentCallsGetTheirOwnGraphsAndTheSameNumbersAsSequentialCalls() throws Exception {
        AutoencoderKLConfig config = VaeTrainer.defaultConfig();
        AutoencoderKL vae = AutoencoderKL.create(config, VaeInitializer.random(config, 3));
        int threads = 3;
        List<INDArray> inputs = new ArrayList<>();
        List<INDArray> expected = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3, 16, 16).muli(2).subi(1); // [2,3,16,16] in [-1,1)
            inputs.add(x);
            expected.add(vae.decode(vae.encodeScaled(x))); // sequential reference, one graph of each kind
        }
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<INDArray>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                INDArray x = inputs.get(i);
                results.add(pool.submit(() -> {
                    start.await();
                    INDArray out = null;
                    for (int r = 0; r < 3; r++) {
                        out = vae.decode(vae.encodeScaled(x));
                    }
                    return out;
                }));
            }
            for (int i = 0; i < threads; i++) {
                assertEquals(expected.get(i), results.get(i).get(), "thread " + i);
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(vae.encoders.size() >= 1 && vae.encoders.size() <= threads, "encoder graphs " + vae.encoders.size());
    }
}
