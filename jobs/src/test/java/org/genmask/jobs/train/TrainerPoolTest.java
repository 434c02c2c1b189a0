package org.genmask.jobs.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Map;
import org.genmask.jobs.config.JobConfig;
import org.genmask.train.DiTTrainer;
import org.junit.jupiter.api.Test;

/** The pool reuses a configuration's trainers and drops those of earlier configurations. */
class TrainerPoolTest {

    private static TrainJobConfig config(String seed) {
        return TrainJobConfig.from(JobConfig.of(TrainJobConfig.defaults(), Map.of("seed", seed)));
    }

    @Test
    void aNewConfigurationReleasesTheTrainersOfTheLastOne() {
        TrainJobConfig a = config("1");
        TrainJobConfig b = config("2");
        DiTTrainer first = TrainerPool.borrow(a);
        TrainerPool.release(a, first);
        assertSame(first, TrainerPool.borrow(a), "the same configuration reuses its idle trainer");
        TrainerPool.release(a, first);
        assertEquals(1, TrainerPool.idleCount());
        DiTTrainer other = TrainerPool.borrow(b);            // an ablation's next arm
        assertEquals(0, TrainerPool.idleCount(), "the first configuration's trainer is no longer held");
        TrainerPool.release(b, other);
        assertEquals(1, TrainerPool.idleCount());
        DiTTrainer again = TrainerPool.borrow(a);
        assertNotSame(first, again, "a dropped trainer is not handed out again");
        TrainerPool.release(a, again);
        assertEquals(1, TrainerPool.idleCount());
    }
}
