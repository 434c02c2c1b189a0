package org.genmask.jobs.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.conf.Configuration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.genmask.jobs.config.JobConfig;
import org.genmask.jobs.report.ReportJob;
import org.genmask.jobs.train.TrainJob;
import org.genmask.jobs.train.TrainJobConfig;
import org.genmask.safetensors.SafetensorsWriter;
import org.genmask.vae.AutoencoderKL;
import org.genmask.vae.VaeInitializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job end to end: a one-round training checkpoint, a VAE directory, synthetic examples, the output files. */
class EvaluateJobTest {
    private static SparkSession spark;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        spark = SparkSession.builder().master("local[2]").appName("EvaluateJobTest")
                .config("spark.ui.enabled", "false").getOrCreate();
        TrainJob.run(spark, JobConfig.of(TrainJobConfig.defaults(), Map.of("run_dir", dir.resolve("run").toString(),
                "latents", "synthetic:16", "rounds", "1", "checkpoint_every", "1", "averaging_period", "1",
                "batch_size", "4")));
        Path vae = Files.createDirectories(dir.resolve("vae"));
        Files.writeString(vae.resolve(AutoencoderKL.CONFIG_FILE),
                new ObjectMapper().writeValueAsString(TinyModels.vaeConfig().toJson()));
        SafetensorsWriter.write(vae.resolve(AutoencoderKL.WEIGHTS_FILE),
                VaeInitializer.random(TinyModels.vaeConfig(), 2), Map.of());
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static JobConfig config(Map<String, String> changes) {
        Map<String, String> o = new HashMap<>(Map.of("checkpoint", dir.resolve("run").toString(),
                "vae_dir", dir.resolve("vae").toString(), "examples", "synthetic:5", "out_dir",
                dir.resolve("eval").toString(), "samples", "2", "batch_size", "2"));
        o.putAll(changes);
        return JobConfig.of(EvaluateJobConfig.defaults(), o);
    }

    @Test
    void evaluatesTheNewestCheckpointAndWritesNumbers() throws Exception {
        EvaluationTotals totals = EvaluateJob.run(spark, config(Map.of()));
        assertEquals(5, totals.examples());
        JsonNode m = new ObjectMapper().readTree(dir.resolve("eval").resolve(EvaluationWriter.METRICS).toFile());
        assertEquals(1, m.path("round").asInt());
        assertTrue(m.path("checkpoint").asText().endsWith("ckpt-000001"), m.path("checkpoint").asText());
        assertEquals("ema", m.path("weights").asText());
        assertEquals(totals.oneStep().ciou(), m.path("one_step").path("ciou").asDouble());
        assertTrue(Files.exists(dir.resolve("eval").resolve("samples").resolve("001-prediction.png")));
        System.setProperty("java.awt.headless", "true");
        Path report = Path.of(ReportJob.run(new Configuration(),
                JobConfig.of(ReportJob.defaults(), Map.of("run_dir", dir.resolve("run").toString(),
                "eval_dirs", dir.resolve("eval").toString()))));
        String html = Files.readString(report);
        assertTrue(html.contains("alt=\"Loss per task\"") && html.contains("Samples (eval)")
                && html.contains("Newest checkpoint: ckpt-000001"), "report sections");
    }

    @Test
    void unsupportedSourcesAndWeightsAreNamed() {
        IllegalArgumentException source = assertThrows(IllegalArgumentException.class,
                () -> EvaluateJob.run(spark, config(Map.of("examples", "s3a://bucket/latents"))));
        assertTrue(source.getMessage().contains("'examples'"), source.getMessage());
        IllegalArgumentException weights = assertThrows(IllegalArgumentException.class,
                () -> EvaluateJob.run(spark, config(Map.of("weights", "best"))));
        assertTrue(weights.getMessage().contains("'weights'"), weights.getMessage());
    }
}
