package org.genmask.vae;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.genmask.kernels.Engine;
import org.genmask.safetensors.SafetensorsFile;
import org.genmask.vae.eager.EagerEncoder;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * diffusers' {@code AutoencoderKL} (inference) on SameDiff: {@link #encode} gives the posterior, {@link #decode}
 * maps scaled latents back to images. Weights are float32 arrays in PyTorch layout keyed by diffusers' state-dict
 * names. SameDiff graphs are built per input spatial size (batch dimension dynamic) and reused; concurrent calls
 * each get a graph of their own ({@link GraphPool}), so one instance serves all the task threads of an executor. On
 * the CPU backend {@link #encode} runs the hand-written {@link EagerEncoder} instead (one shared copy of the encoder
 * weights, a workspace per concurrent call: {@link EagerEncoderPool}); {@link Engine} forces either.
 */
public final class AutoencoderKL {
    public static final String CONFIG_FILE = "config.json";
    public static final String WEIGHTS_FILE = "diffusion_pytorch_model.safetensors";
    static final String IMAGE = "image";
    static final String LATENT = "latent";
    static final String LATENT_MEAN = "latent_mean";
    static final String LATENT_LOGVAR = "latent_logvar";
    static final String DECODED = "decoded";
    static final double LOGVAR_MIN = -30.0;
    static final double LOGVAR_MAX = 20.0;

    private final AutoencoderKLConfig config;
    private final LatentScaling scaling;
    private final Map<String, INDArray> graphWeights;
    final GraphPool<List<Integer>> encoderGraphs = new GraphPool<>(k -> buildEncoder(k.get(0), k.get(1)));
    final EagerEncoderPool encoders;
    private final GraphPool<List<Integer>> decoders = new GraphPool<>(k -> buildDecoder(k.get(0), k.get(1)));

    /** {@code weights}: float32, PyTorch layout, exactly the names and shapes of {@link #parameterShapes}. */
    private AutoencoderKL(AutoencoderKLConfig config, Map<String, INDArray> weights) {
        this.config = config;
        this.scaling = LatentScaling.of(config);
        Map<String, INDArray> g = new LinkedHashMap<>();
        weights.forEach((name, w) -> g.put(name, VaeLayers.toGraphLayout(w)));
        this.graphWeights = Collections.unmodifiableMap(g);
        this.encoders = new EagerEncoderPool(() -> EagerEncoder.create(config, weights(), VaeLayers.GROUP_NORM_EPS));
    }

    /** Loads {@code dir/config.json} and {@code dir/diffusion_pytorch_model.safetensors}. */
    public static AutoencoderKL load(Path dir) throws IOException {
        return load(dir.resolve(CONFIG_FILE), dir.resolve(WEIGHTS_FILE));
    }

    /**
     * Loads a diffusers config and its weights; the weights must be exactly the tensors the config needs (the
     * deprecated mid-block attention names of older checkpoints are accepted, see {@link VaeWeightsReader}).
     */
    public static AutoencoderKL load(Path configJson, Path weightsFile) throws IOException {
        AutoencoderKLConfig config = AutoencoderKLConfig.load(configJson);
        try (SafetensorsFile f = SafetensorsFile.open(weightsFile)) {
            return new AutoencoderKL(config, VaeWeightsReader.read(f, parameterShapes(config)));
        }
    }

    /** A model from in-memory weights (PyTorch layout); names and shapes must match {@link #parameterShapes}. */
    public static AutoencoderKL create(AutoencoderKLConfig config, Map<String, INDArray> weights) {
        Map<String, long[]> expected = parameterShapes(config);
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            INDArray w = weights.get(e.getKey());
            if (w == null) {
                problems.add("missing " + e.getKey());
            } else if (!Arrays.equals(w.shape(), e.getValue())) {
                problems.add(e.getKey() + " " + Arrays.toString(w.shape()) + " expected " + Arrays.toString(e.getValue()));
            }
        }
        weights.keySet().stream().filter(k -> !expected.containsKey(k)).forEach(k -> problems.add("unexpected " + k));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("AutoencoderKL weights do not match the config: " + problems);
        }
        Map<String, INDArray> f32 = new LinkedHashMap<>();
        expected.keySet().forEach(k -> f32.put(k, weights.get(k).castTo(DataType.FLOAT)));
        return new AutoencoderKL(config, f32);
    }

    /** Every parameter of the model: diffusers state-dict name to PyTorch shape. Allocates no weights. */
    public static Map<String, long[]> parameterShapes(AutoencoderKLConfig config) {
        VaeLayers layers = new VaeLayers(SameDiff.create(), config.normNumGroups(), null);
        int f = config.downsampleFactor();
        SDVariable image = layers.sd().placeHolder(IMAGE, DataType.FLOAT, -1, config.inChannels(), f, f);
        EncoderGraph.build(layers, config, new FeatureMap(image, config.inChannels(), f, f));
        SDVariable latent = layers.sd().placeHolder(LATENT, DataType.FLOAT, -1, config.latentChannels(), 1, 1);
        DecoderGraph.build(layers, config, new FeatureMap(latent, config.latentChannels(), 1, 1));
        return layers.declared();
    }

    public AutoencoderKLConfig config() {
        return config;
    }

    public LatentScaling scaling() {
        return scaling;
    }

    /** The weights (float32, PyTorch layout; conv weights are views of the graph's arrays), by state-dict name. */
    public Map<String, INDArray> weights() {
        Map<String, INDArray> out = new LinkedHashMap<>();
        graphWeights.forEach((name, w) -> out.put(name, VaeLayers.toTorchLayout(w)));
        return out;
    }

    /**
     * Posterior of images {@code [N, in_channels, H, W]} (values nominally in [-1, 1]), one forward pass: the eager
     * encoder on the CPU backend, else the graph ({@link Engine#AUTO}).
     */
    public LatentDistribution encode(INDArray images) {
        return encode(images, Engine.AUTO);
    }

    /** {@link #encode(INDArray)} on the given engine (the same numbers up to float rounding). */
    public LatentDistribution encode(INDArray images, Engine engine) {
        checkInput("images", images, config.inChannels());
        if (engine.resolve("VAE encoder engine", true, "") == Engine.EAGER) {
            INDArray moments = encoders.moments(images); // [N, 2L, h, w]
            int l = config.latentChannels();
            INDArray mean = moments.get(NDArrayIndex.all(), NDArrayIndex.interval(0, l), NDArrayIndex.all(),
                    NDArrayIndex.all()).dup('c'); // -> [N, L, h, w]
            INDArray logvar = moments.get(NDArrayIndex.all(), NDArrayIndex.interval(l, 2 * l), NDArrayIndex.all(),
                    NDArrayIndex.all()).dup('c'); // -> [N, L, h, w]
            return new LatentDistribution(mean, Nd4j.math().clipByValue(logvar, LOGVAR_MIN, LOGVAR_MAX));
        }
        int h = (int) images.size(2);
        int w = (int) images.size(3);
        return encoderGraphs.with(List.of(h, w), sd -> {
            Map<String, INDArray> out = sd.output(Map.of(IMAGE, images.castTo(DataType.FLOAT)), LATENT_MEAN,
                    LATENT_LOGVAR);
            return new LatentDistribution(out.get(LATENT_MEAN).dup(), out.get(LATENT_LOGVAR).dup());
        });
    }

    /** The scaled posterior mean, the latent a diffusion model is trained on. */
    public INDArray encodeScaled(INDArray images) {
        return scaling.scale(encode(images).mean());
    }

    /** Images {@code [N, out_channels, h*f, w*f]} (nominally in [-1, 1], not clamped) from scaled latents. */
    public INDArray decode(INDArray scaledLatents) {
        return decodeUnscaled(scaling.unscale(scaledLatents));
    }

    /** Images from latents in the VAE's own space (diffusers' {@code vae.decode(z)}). */
    public INDArray decodeUnscaled(INDArray latents) {
        checkInput("latents", latents, config.latentChannels());
        int h = (int) latents.size(2);
        int w = (int) latents.size(3);
        return decoders.with(List.of(h, w),
                sd -> sd.output(Map.of(LATENT, latents.castTo(DataType.FLOAT)), DECODED).get(DECODED).dup());
    }

    private SameDiff buildEncoder(int h, int w) {
        VaeLayers layers = new VaeLayers(SameDiff.create(), config.normNumGroups(), graphWeights);
        SameDiff sd = layers.sd();
        SDVariable image = sd.placeHolder(IMAGE, DataType.FLOAT, -1, config.inChannels(), h, w);
        FeatureMap moments = EncoderGraph.build(layers, config, new FeatureMap(image, config.inChannels(), h, w));
        int l = config.latentChannels();
        SDVariable m = moments.v();
        m.get(SDIndex.all(), SDIndex.interval(0, l), SDIndex.all(), SDIndex.all()).rename(LATENT_MEAN); // [N,2L,h,w] -> [N,L,h,w]
        SDVariable logvar = m.get(SDIndex.all(), SDIndex.interval(l, 2 * l), SDIndex.all(), SDIndex.all()); // -> [N,L,h,w]
        sd.math().clipByValue(logvar, LOGVAR_MIN, LOGVAR_MAX).rename(LATENT_LOGVAR);
        return sd;
    }

    private SameDiff buildDecoder(int h, int w) {
        VaeLayers layers = new VaeLayers(SameDiff.create(), config.normNumGroups(), graphWeights);
        SameDiff sd = layers.sd();
        SDVariable latent = sd.placeHolder(LATENT, DataType.FLOAT, -1, config.latentChannels(), h, w);
        DecoderGraph.build(layers, config, new FeatureMap(latent, config.latentChannels(), h, w)).v().rename(DECODED);
        return sd;
    }

    private static void checkInput(String what, INDArray x, int channels) {
        if (x.rank() != 4 || x.size(1) != channels || x.size(0) < 1 || x.size(2) < 1 || x.size(3) < 1) {
            throw new IllegalArgumentException("AutoencoderKL: " + what + " must be [N, " + channels + ", H, W], got "
                    + Arrays.toString(x.shape()));
        }
    }
}
