package org.genmask.jobs.train;

/**
 * The complete training state after {@code round} rounds. The data position and every random stream are functions of
 * the round (see {@link WorkerRound}), so these fields are all that exact resumption needs.
 *
 * @param round   rounds completed
 * @param step    optimizer steps completed
 * @param params  [P] averaged parameters
 * @param moments [2P] averaged AdamW moments
 * @param ema     [P] exponential moving average of the parameters
 */
public record Checkpoint(int round, long step, float[] params, float[] moments, float[] ema) {
}
