package org.genmask.samediff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class StepArrayPoolTest {

    @Test
    void handsOutTheSameArraysAfterReclaimAndAllocatesOnlyForNewShapes() {
        StepArrayPool pool = new StepArrayPool();
        INDArray a = pool.allocate(false, DataType.FLOAT, 2, 3);
        INDArray b = pool.allocate(false, DataType.FLOAT, 2, 3);
        assertNotSame(a, b, "two arrays of one pass are distinct");
        pool.release(a);                                              // ignored until reclaim
        assertNotSame(a, pool.allocate(false, DataType.FLOAT, 2, 3));
        assertEquals(3, pool.freshArrays());
        pool.reclaim();
        INDArray again = pool.allocate(false, DataType.FLOAT, 2, 3);
        assertSame(a, again, "a reclaimed array of the same shape is reused");
        assertNotSame(a, pool.allocate(false, DataType.FLOAT, 3, 2));
        assertNotSame(a, pool.allocate(false, DataType.DOUBLE, 2, 3));
        assertEquals(5, pool.freshArrays());
        assertEquals(3 * 4 * 6 + 4 * 6 + 8 * 6, pool.freshBytes()); // three [2,3] and one [3,2] floats, one [2,3] double
    }

    @Test
    void dupCopiesValues() {
        StepArrayPool pool = new StepArrayPool();
        INDArray source = Nd4j.createFromArray(new float[][] {{1, 2}, {3, 4}});
        assertEquals(source, pool.dup(source));
    }

    @Test
    void installsOncePerThreadSession() {
        SameDiff sd = SameDiff.create();
        StepArrayPool first = StepArrayPool.install(sd);
        assertSame(first, StepArrayPool.install(sd));
        assertSame(first, sd.getSessions().get(Thread.currentThread().getId()).getMmgr());
    }
}
