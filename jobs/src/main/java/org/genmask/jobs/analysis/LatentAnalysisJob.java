package org.genmask.jobs.analysis;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.genmask.jobs.config.JobConfig;

/**
 * The paper's mask-latent analysis on a latent partition, as a job: how the VAE latents of black-and-white masks
 * differ from those of images (per-channel statistics, variance on PC-1 and how well PC-1 alone reproduces the
 * mask, linear separability of foreground and background as noise rises). See {@link LatentAnalysis} for the
 * measurements and {@link AnalysisWriter} for the output ({@code out_dir/latent-analysis.json} and two PNG charts).
 *
 * <pre>
 * spark-submit --class org.genmask.jobs.analysis.LatentAnalysisJob genmask-jobs.jar [--config=FILE] [--key=value]
 *
 * LatentAnalysisJob --latents='runs/quickstart/latents/dataset=synthetic?split=train' --vae_dir=default \
 *     --dataset=runs/quickstart/data --out_dir=runs/quickstart/analysis
 * </pre>
 * The partition is read through Spark; the (small) analysis runs on the driver. {@code vae_dir} must be the VAE of
 * the partition's cache key (the evaluation's check). Deterministic for a seed.
 */
public final class LatentAnalysisJob {

    private LatentAnalysisJob() {
    }

    public static void main(String[] args) throws IOException {
        JobConfig config = JobConfig.resolve(LatentAnalysisConfig.defaults(), args);
        SparkSession spark = SparkSession.builder().appName("genmask-latent-analysis").getOrCreate();
        try {
            run(spark, config);
        } finally {
            spark.stop();
        }
    }

    /** Runs the analysis and writes its output; returns the numbers. */
    public static LatentAnalysis run(SparkSession spark, JobConfig resolved) throws IOException {
        LatentAnalysisConfig config = LatentAnalysisConfig.from(resolved);
        System.out.println("genmask-latent-analysis resolved config:\n" + resolved.render());
        AnalysisPartition partition = AnalysisPartition.open(spark, config.latents(), config.vaeDir());
        LatentSamples samples = partition.samples(config.samples(), config.dataset());
        System.out.println("genmask-latent-analysis: " + samples.source() + "; labels: " + samples.labelSource());
        LatentAnalysis analysis = LatentAnalysis.run(samples, config.settings());
        ObjectNode header = JsonNodeFactory.instance.objectNode();
        header.put("format", "genmask-latent-analysis/1")
                .put("partition", partition.dataset().partition().path())
                .put("split", partition.split().jsonName())
                .put("cache_key_id", partition.dataset().cacheKey().id())
                .put("latent_shape", partition.dataset().shape().toString())
                .put("vae_dir", config.vaeDir())
                .put("vae_weights_sha256", partition.vae().weightsSha256())
                .put("labels", samples.labelSource())
                .put("samples_requested", config.samples());
        AnalysisWriter.write(config.outDir(), spark.sparkContext().hadoopConfiguration(), analysis, header);
        System.out.println(String.format(Locale.ROOT, "genmask-latent-analysis: %d masks; PC-1 share masks %.3f "
                        + "images %.3f; PC-1 IoU masks %.3f (sign %+d); probe balanced accuracy at s = %s: masks %.3f "
                        + "images %.3f", analysis.samples(), analysis.maskPca().varianceShare(),
                analysis.imagePca().varianceShare(), analysis.maskPca().iou(), analysis.maskPca().sign(),
                last(analysis.settings().levels()), last(analysis.maskProbe().balancedAccuracy()),
                last(analysis.imageProbe().balancedAccuracy())));
        System.out.println("genmask-latent-analysis wrote " + config.outDir() + "/" + AnalysisWriter.JSON);
        return analysis;
    }

    private static double last(double[] v) {
        return v[v.length - 1];
    }
}
