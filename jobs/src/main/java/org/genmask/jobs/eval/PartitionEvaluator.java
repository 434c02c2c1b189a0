package org.genmask.jobs.eval;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.genmask.data.image.PngWriter;
import org.genmask.dit.DiTConfig;
import org.genmask.dit.DiTInputs;
import org.genmask.dit.GenMaskDiT;
import org.genmask.dit.Task;
import org.genmask.sample.EulerSampler;
import org.genmask.sample.MaskPredictor;
import org.genmask.sample.VelocityModel;
import org.genmask.vae.AutoencoderKL;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Evaluates one partition's examples in batches: noise per example, single-step mask latent
 * {@code x0 = eps - u(eps, 1, image, text)} (and optionally k Euler steps from the same eps), VAE decode,
 * {@link MaskBinarization}, {@link OriginalResolution}, {@link SampleIoU}; PNGs for the chosen sample ids.
 */
final class PartitionEvaluator {
    private final EvaluationSettings settings;
    private final Set<String> sampleIds;
    private final DiTConfig config;
    private final AutoencoderKL vae;
    private final MaskPredictor predictor;
    private final EulerSampler euler;
    private final EvaluationTotals totals;

    private PartitionEvaluator(EvaluationModels models, EvaluationSettings settings, Set<String> sampleIds)
            throws IOException {
        this.settings = settings;
        this.sampleIds = sampleIds;
        GenMaskDiT dit = models.segmentationModel();
        this.config = dit.config();
        if (config.text() == null) {
            throw new IllegalArgumentException("the evaluated model has no text conditioning (a class-conditional DiT)");
        }
        this.vae = models.vae();
        int latentChannels = vae.config().latentChannels();
        if (latentChannels != config.inChannels()) {
            throw new IllegalArgumentException("the VAE has " + latentChannels + " latent channels but the DiT's "
                    + "in_channels is " + config.inChannels());
        }
        VelocityModel velocity = VelocityModel.of(dit, Task.SEGMENTATION);
        this.predictor = new MaskPredictor(velocity);
        this.euler = settings.eulerSteps() > 0 ? new EulerSampler(velocity, config, settings.eulerSteps(), 1.0) : null;
        this.totals = new EvaluationTotals(settings.eulerSteps());
    }

    static EvaluationTotals run(Iterator<EvaluationExample> examples, EvaluationModels models,
                                EvaluationSettings settings, Set<String> sampleIds) throws IOException {
        if (!examples.hasNext()) {
            return new EvaluationTotals(settings.eulerSteps());
        }
        PartitionEvaluator p = new PartitionEvaluator(models, settings, sampleIds);
        List<EvaluationExample> batch = new ArrayList<>();
        while (examples.hasNext()) {
            batch.add(examples.next());
            if (batch.size() == settings.batchSize() || !examples.hasNext()) {
                p.evaluate(batch);
                batch.clear();
            }
        }
        return p.totals;
    }

    private void evaluate(List<EvaluationExample> batch) {
        int b = batch.size();
        int c = config.inChannels();
        int h = config.inputSize();
        int length = config.text().maxLength();
        int size = c * h * h;
        float[] cond = new float[b * size];
        float[] eps = new float[b * size];
        int[][] tokens = new int[b][];
        float[][] textMask = new float[b][length];
        for (int i = 0; i < b; i++) {
            EvaluationExample e = batch.get(i);
            if (e.imageLatent().length != size) {
                throw new IllegalArgumentException("evaluation example " + e.id() + ": field imageLatent has "
                        + e.imageLatent().length + " values, the model expects [" + c + ", " + h + ", " + h + "]");
            }
            if (e.tokens().length != length) {
                throw new IllegalArgumentException("evaluation example " + e.id() + ": field tokens has "
                        + e.tokens().length + " ids, the model's text.max_length is " + length);
            }
            System.arraycopy(e.imageLatent(), 0, cond, i * size, size);
            System.arraycopy(ExampleNoise.of(settings.seed(), e.id(), size), 0, eps, i * size, size);
            tokens[i] = e.tokens();
            for (int k = 0; k < e.tokenCount(); k++) {
                textMask[i][k] = 1f;
            }
        }
        long[] shape = {b, c, h, h};
        INDArray condArr = Nd4j.create(cond, shape, 'c');
        INDArray epsArr = Nd4j.create(eps, shape, 'c');
        INDArray text = Nd4j.createFromArray(tokens);
        INDArray mask = Nd4j.createFromArray(textMask);
        INDArray single = vae.decode(predictor.predict(epsArr, condArr, text, mask));          // [B, 3, R, R]
        INDArray multi = null;
        if (euler != null) {
            DiTInputs condition = DiTInputs.segmentation(epsArr, Nd4j.ones(DataType.FLOAT, b), condArr, text, mask);
            multi = vae.decode(euler.sample(epsArr, condition));                              // [B, 3, R, R]
        }
        for (int i = 0; i < b; i++) {
            EvaluationExample e = batch.get(i);
            PixelMask p1 = toOriginal(single, i, e.truth());
            SampleIoU s1 = SampleIoU.of(p1, e.truth());
            PixelMask pk = multi == null ? null : toOriginal(multi, i, e.truth());
            SampleIoU sk = pk == null ? null : SampleIoU.of(pk, e.truth());
            totals.add(new ExpressionResult(e.id(), e.expression(), e.truth().count(), s1, sk));
            if (sampleIds.contains(e.id())) {
                totals.addSample(new PredictionSample(e.id(), e.expression(), imagePng(condArr, i),
                        e.truth().toPng(), p1.toPng(), pk == null ? null : pk.toPng(), s1, sk));
            }
        }
    }

    private static PixelMask toOriginal(INDArray decoded, int i, PixelMask truth) {
        PixelMask square = MaskBinarization.binarize(row(decoded, i));
        return OriginalResolution.upsample(square, truth.width(), truth.height());
    }

    private byte[] imagePng(INDArray cond, int i) {
        INDArray rgb = vae.decode(row(cond, i).reshape(1, cond.size(1), cond.size(2), cond.size(3)))
                .get(NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all()); // [3, R, R]
        int side = (int) rgb.size(2);
        return PngWriter.rgb(side, (int) rgb.size(1), rgb.castTo(DataType.FLOAT).dup('c').data().asFloat());
    }

    /** Example i of a batch, [C, H, W]. */
    private static INDArray row(INDArray batch, int i) {
        return batch.get(NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all()).dup('c');
    }
}
