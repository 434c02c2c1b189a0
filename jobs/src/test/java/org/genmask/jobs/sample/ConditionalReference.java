package org.genmask.jobs.sample;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.genmask.data.image.PngWriter;
import org.genmask.data.latents.LatentDataset;
import org.genmask.data.text.EncodedText;
import org.genmask.data.text.TextEncoder;
import org.genmask.dit.DiTConfig;
import org.genmask.dit.DiTInputs;
import org.genmask.dit.GenMaskDiT;
import org.genmask.dit.Task;
import org.genmask.jobs.eval.CheckpointModels;
import org.genmask.vae.AutoencoderKL;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The conditional-only sampler written out for the test, independently of {@code EulerSampler} and
 * {@code ClassifierFreeGuidance}: the prompts in one batch, the same noise, {@code x <- x + (s_{k+1} - s_k) u(x, s_k,
 * text)} on s_k = 1 - k / steps, the model's generation path called directly, VAE decode, PNG.
 */
final class ConditionalReference {
    private ConditionalReference() {
    }

    static List<byte[]> pngs(SparkSession spark, TinyRun tiny, List<String> prompts, long seed, int steps)
            throws Exception {
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        CheckpointModels models = CheckpointModels.load(sc, tiny.run.toString(), "ema", tiny.vae.toString(),
                Task.GENERATION);
        GenMaskDiT dit = models.model(Task.GENERATION);
        DiTConfig config = dit.config();
        TextEncoder encoder = new TextEncoder(LatentDataset.open(spark, tiny.partition).vocabulary(),
                config.text().maxLength());
        int b = prompts.size();
        int c = config.inChannels();
        int h = config.inputSize();
        float[] noise = new float[b * c * h * h];
        int[][] ids = new int[b][];
        float[][] mask = new float[b][];
        for (int i = 0; i < b; i++) {
            System.arraycopy(PromptNoise.of(seed, i, c * h * h), 0, noise, i * c * h * h, c * h * h);
            EncodedText e = encoder.encode(prompts.get(i));
            ids[i] = e.ids();
            mask[i] = e.mask();
        }
        INDArray x = Nd4j.create(noise, new long[] {b, c, h, h}, 'c');                       // [B, C, H, W]
        INDArray text = Nd4j.createFromArray(ids);                                           // [B, L]
        INDArray textMask = Nd4j.createFromArray(mask);                                      // [B, L]
        for (int k = 0; k < steps; k++) {
            double s = 1.0 - (double) k / steps;
            double next = 1.0 - (double) (k + 1) / steps;
            INDArray sv = Nd4j.valueArrayOf(new long[] {b}, s).castTo(DataType.FLOAT);       // [B]
            INDArray u = dit.predict(Task.GENERATION, DiTInputs.generation(x, sv, text, textMask)); // [B, C, H, W]
            x = x.add(u.mul(next - s));
        }
        AutoencoderKL vae = AutoencoderKL.load(tiny.vae);
        INDArray rgb = vae.decode(x);                                                        // [B, 3, R, R]
        int side = (int) rgb.size(2);
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < b; i++) {
            float[] chw = rgb.get(NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all())
                    .dup('c').data().asFloat();                                              // [3, R, R]
            out.add(PngWriter.rgb(side, side, chw));
        }
        return out;
    }
}
