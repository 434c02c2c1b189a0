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
 * trainer per concurrently running task (SameDiff graphs are not thread-safe). The pool keeps only the trainers of the
 * configuration borrowed last: a JVM that runs one training after another (the ablation's arms, a test suite) would
 * otherwise keep every earlier configuration's graphs and their native arrays alive (measured: the fifth ablation arm
 * hit javacpp's 8 GB physical-memory limit).
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
            IDLE.keySet().retainAll(Set.of(key));          // earlier configurations' trainers become garbage
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

    /** Idle trainers held, over all configurations (for tests). */
    static int idleCount() {
        synchronized (IDLE) {
            return IDLE.values().stream().mapToInt(Deque::size).sum();
        }
    }
}
