package org.genmask.jobs.eval;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.genmask.data.jobs.VaeLocation;
import org.genmask.jobs.train.CheckpointLatents;
import org.genmask.vae.AutoencoderKLConfig;

/**
 * The check that {@code vae_dir} is the VAE of the latents a checkpoint was trained on (its
 * {@link CheckpointLatents} record): the same weights (SHA-256) and latent scaling. A model decoded with another VAE
 * gives meaningless masks and images, so the evaluation and sampling jobs refuse it before reading weights. A
 * checkpoint without the record (written before it existed, or trained on synthetic examples) passes with a warning.
 */
final class CheckpointVae {

    private CheckpointVae() {
    }

    /**
     * @param state      the checkpoint's {@code state.json}
     * @param checkpoint the checkpoint directory, for messages
     * @param vaeDir     the {@code vae_dir} the job decodes with; blank is left to the VAE's loading to report
     * @throws IllegalArgumentException a one-line message starting with {@code config key 'vae_dir'} naming the
     *                                  checkpoint and both weight hashes
     */
    static void check(JsonNode state, String checkpoint, String vaeDir, Configuration hadoop) throws IOException {
        Optional<CheckpointLatents> recorded = CheckpointLatents.read(state, checkpoint + "/state.json");
        if (recorded.isEmpty()) {
            System.out.println("WARNING checkpoint " + checkpoint + " does not record which latents it was trained on"
                    + " (written before checkpoints recorded it, or trained on synthetic examples): cannot check that"
                    + " vae_dir " + vaeDir + " is their VAE");
            return;
        }
        if (vaeDir == null || vaeDir.isBlank()) {
            return;
        }
        CheckpointLatents trained = recorded.get();
        VaeLocation vae = VaeDirectory.resolve(vaeDir, hadoop);
        AutoencoderKLConfig config = vae.config();
        if (!vae.weightsSha256().equals(trained.vaeWeightsSha256())
                || Double.compare(config.scalingFactor(), trained.scalingFactor()) != 0
                || Double.compare(config.shiftFactor(), trained.shiftFactor()) != 0) {
            throw new IllegalArgumentException("config key 'vae_dir': " + vaeDir + " is not the VAE checkpoint "
                    + checkpoint + " was trained with: its weights have sha256 " + vae.weightsSha256().substring(0, 12)
                    + "… (scaling_factor " + config.scalingFactor() + ", shift_factor " + config.shiftFactor()
                    + "), the checkpoint's latents (cache key " + trained.cacheKey() + ") came from weights sha256 "
                    + trained.weightsPrefix() + " (scaling_factor " + trained.scalingFactor() + ", shift_factor "
                    + trained.shiftFactor() + "); set vae_dir to the VAE those latents were computed with");
        }
    }
}
