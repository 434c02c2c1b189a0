package org.genmask.jobs.analysis;

import java.util.LinkedHashMap;
import java.util.Map;
import org.genmask.jobs.config.JobConfig;

/**
 * Everything {@link LatentAnalysisJob} reads from its configuration.
 *
 * @param latents  {@code PATH[?split=train&key=ID]}: a latent partition, its dataset directory, or a store with one
 *                 complete partition ({@link AnalysisPartition#open})
 * @param vaeDir   the VAE the partition was computed with (local directory, or {@code default}, the embedded VAE)
 * @param dataset  the dataset root the partition was computed from (labels from the mask files), or empty (labels
 *                 from the mask latents decoded by the VAE)
 * @param outDir   where {@code latent-analysis.json} and the charts go (any Hadoop path)
 * @param samples  at most this many masks (the first by image id, object id)
 * @param settings noise levels, seed, probe fit
 */
public record LatentAnalysisConfig(String latents, String vaeDir, String dataset, String outDir, int samples,
                                   AnalysisSettings settings) {

    /** Every key with its default. */
    public static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("latents", "");
        d.put("vae_dir", "");
        d.put("dataset", "");
        d.put("out_dir", "runs/analysis");
        d.put("samples", "64");
        d.put("seed", "0");
        d.put("levels", AnalysisSettings.DEFAULT_LEVELS);
        d.put("probe_steps", "200");
        d.put("probe_lr", "0.5");
        return d;
    }

    /**
     * Reads and checks the keys.
     *
     * @throws IllegalArgumentException a one-line message naming the key
     */
    public static LatentAnalysisConfig from(JobConfig c) {
        String latents = c.string("latents").strip();
        if (latents.isEmpty()) {
            throw new IllegalArgumentException("config key 'latents' is empty: name a latent partition "
                    + "(<store>/dataset=<name>/key=<id>[?split=train])");
        }
        String vae = c.string("vae_dir").strip();
        if (vae.isEmpty()) {
            throw new IllegalArgumentException("config key 'vae_dir' is empty: name the VAE directory the latents were"
                    + " computed with ('default' for the embedded VAE)");
        }
        String out = c.string("out_dir").strip();
        if (out.isEmpty()) {
            throw new IllegalArgumentException("config key 'out_dir' is empty");
        }
        int samples = c.integer("samples");
        if (samples < 2) {
            throw new IllegalArgumentException("config key 'samples': at least 2 masks are needed (the probe trains on"
                    + " half and is scored on the other half), got " + samples);
        }
        AnalysisSettings settings = new AnalysisSettings(AnalysisSettings.parseLevels(c.string("levels")),
                c.longValue("seed"), c.integer("probe_steps"), c.number("probe_lr"));
        return new LatentAnalysisConfig(latents, vae, c.string("dataset").strip(), out, samples, settings);
    }
}
