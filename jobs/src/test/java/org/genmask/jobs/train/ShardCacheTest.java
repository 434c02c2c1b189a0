package org.genmask.jobs.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.genmask.data.latents.TrainingExample;
import org.genmask.dit.Task;
import org.junit.jupiter.api.Test;

class ShardCacheTest {

    private static TrainingExample example(String id, Task task) {
        float[] latent = {1f, 2f};
        return new TrainingExample(id, task, latent, task == Task.SEGMENTATION ? latent : null, new int[] {3}, 1);
    }

    /** A partition that fails the test if it is read. */
    private static Iterator<TrainingExample> unread() {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                throw new AssertionError("the partition was read again");
            }

            @Override
            public TrainingExample next() {
                throw new AssertionError("the partition was read again");
            }
        };
    }

    @Test
    void aShardIsGroupedOncePerRunAndWorkerInItsOrder() {
        List<TrainingExample> shard = List.of(example("g0", Task.GENERATION), example("s0", Task.SEGMENTATION),
                example("g1", Task.GENERATION), example("s1", Task.SEGMENTATION));
        Map<Task, List<TrainingExample>> first = ShardCache.get("run-a", 0, shard.iterator());
        assertEquals(List.of("g0", "g1"), first.get(Task.GENERATION).stream().map(TrainingExample::id).toList());
        assertEquals(List.of("s0", "s1"), first.get(Task.SEGMENTATION).stream().map(TrainingExample::id).toList());
        assertSame(first, ShardCache.get("run-a", 0, unread()));           // later rounds: not read again
        Map<Task, List<TrainingExample>> other = ShardCache.get("run-a", 1, shard.subList(0, 1).iterator());
        assertEquals(1, other.get(Task.GENERATION).size());
        assertEquals(2, ShardCache.size());
        // another run: the earlier run's shards are dropped and its partitions are read
        Map<Task, List<TrainingExample>> next = ShardCache.get("run-b", 0, shard.subList(1, 2).iterator());
        assertEquals(List.of("s0"), next.get(Task.SEGMENTATION).stream().map(TrainingExample::id).toList());
        assertEquals(1, ShardCache.size());
        ShardCache.release("run-a");                                          // not the current run: kept
        assertEquals(1, ShardCache.size());
        ShardCache.release("run-b");
        assertEquals(0, ShardCache.size());
    }
}
