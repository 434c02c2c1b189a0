package org.genmask.train;

import java.util.Map;
import org.genmask.dit.Task;

/**
 * What one training step reports.
 *
 * @param losses   per task: per-sample loss statistics (overall and per timestep bucket)
 * @param loss     the optimised scalar: the mean per-sample loss over the whole mixed batch
 * @param gradNorm global gradient norm before clipping
 * @param lr       the learning rate used
 */
public record StepResult(Map<Task, LossStats> losses, double loss, double gradNorm, double lr) {
    public StepResult {
        losses = Map.copyOf(losses);
    }
}
