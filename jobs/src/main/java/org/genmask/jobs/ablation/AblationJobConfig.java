package org.genmask.jobs.ablation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.genmask.jobs.config.JobConfig;

/**
 * What the ablation job reads.
 *
 * @param trainConfig    the base training config file (every arm starts from it)
 * @param evaluateConfig the base evaluation config file (its {@code checkpoint} and {@code out_dir} are replaced)
 * @param outDir         root of the arms' run and evaluation directories and of the table
 * @param variants       the arms
 */
public record AblationJobConfig(String trainConfig, String evaluateConfig, String outDir,
                                List<AblationVariant> variants) {

    /** The paper's sampler ablation plus joint vs segmentation-only training. */
    public static final String PAPER_VARIANTS = "genmask_a0.05: sampler.mask=genmask(a=0.05)"
            + " | genmask_a0.1: sampler.mask=genmask(a=0.1)"
            + " | genmask_a0.5: sampler.mask=genmask(a=0.5)"
            + " | logit_normal: sampler.mask=logit_normal(mean=0,std=1)"
            + " | segmentation_only: sampler.mask=genmask(a=0.05); segmentation_share=1";

    public AblationJobConfig {
        for (String[] kv : new String[][] {{"train_config", trainConfig}, {"evaluate_config", evaluateConfig},
            {"out_dir", outDir}}) {
            if (kv[1] == null || kv[1].isBlank()) {
                throw new IllegalArgumentException("config key '" + kv[0] + "' is empty");
            }
        }
        variants = List.copyOf(variants);
    }

    /** Every key with its default. */
    public static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("train_config", "");
        d.put("evaluate_config", "");
        d.put("out_dir", "runs/ablation");
        d.put("variants", PAPER_VARIANTS);
        return d;
    }

    public static AblationJobConfig from(JobConfig c) {
        return new AblationJobConfig(c.string("train_config"), c.string("evaluate_config"), c.string("out_dir"),
                AblationVariant.parseAll(c.string("variants")));
    }
}
