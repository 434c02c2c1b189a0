package org.genmask.jobs.train;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.genmask.dit.GenMaskDiT;
import org.genmask.dit.Task;
import org.genmask.train.DiTTrainer;

/**
 * Models kept alive in an executor JVM across rounds: building a SameDiff graph and its gradient graph costs far more
 * than a round's parameter copy, so a task borrows a trainer for its configuration and returns it afterwards. One
 * trainer per concurrently running task (SameDiff graphs are not thread-safe).
 */
final class TrainerPool {
    private static final Map<String, Deque<DiTTrainer>> IDLE = new HashMap<>();

    private TrainerPool() {
    }

    /** Trainers are interchangeable when model, training settings and task mix agree (their state is reset). */
    private static String key(TrainJobConfig config) {
        return config.ditConfig() + "|" + config.trainConfig() + "|" + config.batchOf(Task.SEGMENTATION) + "|"
                + config.batchOf(Task.GENERATION) + "|" + config.seed();
    }

    static DiTTrainer borrow(TrainJobConfig config) {
        String key = key(config);
        synchronized (IDLE) {
            Deque<DiTTrainer> idle = IDLE.get(key);
            if (idle != null && !idle.isEmpty()) {
                return idle.pop();
            }
        }
        Set<Task> tasks = EnumSet.noneOf(Task.class);
        for (Task task : Task.values()) {
            if (config.batchOf(task) > 0) {
                tasks.add(task);
            }
        }
        return new DiTTrainer(GenMaskDiT.create(config.ditConfig(), tasks, config.seed()), config.trainConfig());
    }

    static void release(TrainJobConfig config, DiTTrainer trainer) {
        synchronized (IDLE) {
            IDLE.computeIfAbsent(key(config), k -> new ArrayDeque<>()).push(trainer);
        }
    }
}
