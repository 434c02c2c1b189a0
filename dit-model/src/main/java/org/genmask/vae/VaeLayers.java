package org.genmask.vae;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.PadMode;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The building blocks of diffusers' AutoencoderKL as SameDiff ops: GroupNorm, SiLU, conv, ResnetBlock2D,
 * single-head spatial attention, down- and upsampling. Parameters are graph variables named exactly like the
 * diffusers state-dict keys. Shapes are declared in PyTorch terms; {@link #toGraphLayout} / {@link #toTorchLayout}
 * are the one place where layouts are converted: conv weights {@code [out, in, kH, kW]} are held as
 * {@code [kH, kW, in, out]} ({@link WeightsFormat#YXIO}, because SameDiff 1.0.0-M2.1's conv2d gradient op ignores
 * the OIYX format and rejects PyTorch-layout weights), everything else as is; linear weights {@code [out, in]}
 * enter as {@code x · Wᵀ} via a transposed matmul.
 *
 * <p>The {@code weights} given to the constructor are in graph layout. With {@code weights == null} parameters
 * become placeholders: the graph is built only to list the parameter names and shapes ({@link #declared()}).
 */
final class VaeLayers {
    static final double GROUP_NORM_EPS = 1e-6;

    private final SameDiff sd;
    private final int groups;
    private final Map<String, INDArray> weights;
    private final Map<String, long[]> declared = new LinkedHashMap<>();

    VaeLayers(SameDiff sd, int groups, Map<String, INDArray> weights) {
        this.sd = sd;
        this.groups = groups;
        this.weights = weights;
    }

    SameDiff sd() {
        return sd;
    }

    /** Every parameter the graph used so far: state-dict name to PyTorch shape, in first-use order. */
    Map<String, long[]> declared() {
        return Collections.unmodifiableMap(declared);
    }

    /** PyTorch layout to graph layout, always a fresh C-order copy (the graph may update it in place). */
    static INDArray toGraphLayout(INDArray torch) {
        return torch.rank() == 4 ? torch.permute(2, 3, 1, 0).dup('c') : torch.dup('c'); // [O,I,kH,kW] -> [kH,kW,I,O]
    }

    /** Graph layout back to PyTorch layout (a view for conv weights). */
    static INDArray toTorchLayout(INDArray graph) {
        return graph.rank() == 4 ? graph.permute(3, 2, 0, 1) : graph; // [kH,kW,I,O] -> [O,I,kH,kW]
    }

    private static long[] graphShape(long[] torch) {
        return torch.length == 4 ? new long[] {torch[2], torch[3], torch[1], torch[0]} : torch.clone();
    }

    /** The parameter variable {@code name} with PyTorch shape {@code shape} (created on first use). */
    SDVariable param(String name, long... shape) {
        long[] previous = declared.putIfAbsent(name, shape.clone());
        if (previous != null) {
            if (!Arrays.equals(previous, shape)) {
                throw new IllegalStateException("AutoencoderKL graph: parameter '" + name + "' declared with shapes "
                        + Arrays.toString(previous) + " and " + Arrays.toString(shape));
            }
            return sd.getVariable(name);
        }
        long[] graphShape = graphShape(shape);
        if (weights == null) {
            return sd.placeHolder(name, DataType.FLOAT, graphShape);
        }
        INDArray w = weights.get(name);
        if (w == null) {
            throw new IllegalArgumentException("AutoencoderKL weights: missing tensor '" + name + "'");
        }
        if (!Arrays.equals(w.shape(), graphShape)) {
            throw new IllegalArgumentException("AutoencoderKL weights: tensor '" + name + "' has graph shape "
                    + Arrays.toString(w.shape()) + ", the config needs " + Arrays.toString(graphShape));
        }
        return sd.var(name, w);
    }

    /** 2D convolution, PyTorch semantics ({@code padding} zeros on every side). */
    FeatureMap conv(String prefix, FeatureMap x, int outChannels, int kernel, int stride, int padding) {
        SDVariable w = param(prefix + ".weight", outChannels, x.channels(), kernel, kernel);
        SDVariable b = param(prefix + ".bias", outChannels);
        Conv2DConfig cfg = Conv2DConfig.builder()
                .kH(kernel).kW(kernel).sH(stride).sW(stride).pH(padding).pW(padding).dH(1).dW(1)
                .paddingMode(PaddingMode.VALID).dataFormat(Conv2DConfig.NCHW).weightsFormat(WeightsFormat.YXIO)
                .build();
        int h = (x.height() + 2 * padding - kernel) / stride + 1;
        int w2 = (x.width() + 2 * padding - kernel) / stride + 1;
        SDVariable y = sd.cnn().conv2d(x.v(), w, b, cfg); // [N, Cin, H, W] -> [N, Cout, h, w]
        return new FeatureMap(y, outChannels, h, w2);
    }

    /** GroupNorm with {@code groups} groups, eps 1e-6, biased variance, affine. */
    FeatureMap groupNorm(String prefix, FeatureMap x) {
        int c = x.channels();
        long perGroup = (long) (c / groups) * x.height() * x.width();
        SDVariable gamma = param(prefix + ".weight", c);
        SDVariable beta = param(prefix + ".bias", c);
        SDVariable g = sd.reshape(x.v(), -1, groups, perGroup); // [N, C, H, W] -> [N, G, C/G*H*W]
        SDVariable mean = sd.mean(g, true, 2); // -> [N, G, 1]
        SDVariable centered = g.sub(mean); // [N, G, C/G*H*W]
        SDVariable var = sd.mean(sd.math().square(centered), true, 2); // -> [N, G, 1]
        SDVariable normed = centered.mul(sd.math().rsqrt(var.add(GROUP_NORM_EPS))); // [N, G, C/G*H*W]
        SDVariable back = sd.reshape(normed, -1, c, x.height(), x.width()); // -> [N, C, H, W]
        SDVariable y = back.mul(sd.reshape(gamma, 1, c, 1, 1)).add(sd.reshape(beta, 1, c, 1, 1)); // [N, C, H, W]
        return new FeatureMap(y, c, x.height(), x.width());
    }

    /** SiLU, {@code x * sigmoid(x)}. */
    FeatureMap silu(FeatureMap x) {
        return new FeatureMap(sd.nn().swish(x.v()), x.channels(), x.height(), x.width());
    }

    /** ResnetBlock2D without time embedding: two norm-SiLU-conv3x3 steps plus a (1x1 conv when C changes) shortcut. */
    FeatureMap resnet(String prefix, FeatureMap x, int outChannels) {
        FeatureMap h = conv(prefix + ".conv1", silu(groupNorm(prefix + ".norm1", x)), outChannels, 3, 1, 1);
        h = conv(prefix + ".conv2", silu(groupNorm(prefix + ".norm2", h)), outChannels, 3, 1, 1);
        FeatureMap shortcut = x.channels() == outChannels ? x : conv(prefix + ".conv_shortcut", x, outChannels, 1, 1, 0);
        return new FeatureMap(shortcut.v().add(h.v()), outChannels, h.height(), h.width());
    }

    /** UNetMidBlock2D of the VAE: resnet, attention, resnet at constant width. */
    FeatureMap midBlock(String prefix, FeatureMap x) {
        FeatureMap h = resnet(prefix + ".resnets.0", x, x.channels());
        h = attention(prefix + ".attentions.0", h);
        return resnet(prefix + ".resnets.1", h, x.channels());
    }

    /** Mid-block attention: single head over the H·W positions, head_dim = C, residual added. */
    FeatureMap attention(String prefix, FeatureMap x) {
        int c = x.channels();
        long hw = (long) x.height() * x.width();
        FeatureMap normed = groupNorm(prefix + ".group_norm", x);
        SDVariable tokens = sd.reshape(sd.permute(normed.v(), 0, 2, 3, 1), -1, c); // [N,C,H,W] -> [N*H*W, C]
        SDVariable q = sd.reshape(linear(prefix + ".to_q", tokens, c, c), -1, hw, c); // -> [N, HW, C]
        SDVariable k = sd.reshape(linear(prefix + ".to_k", tokens, c, c), -1, hw, c); // -> [N, HW, C]
        SDVariable v = sd.reshape(linear(prefix + ".to_v", tokens, c, c), -1, hw, c); // -> [N, HW, C]
        SDVariable scores = sd.mmul(q, k, false, true, false).mul(1.0 / Math.sqrt(c)); // -> [N, HW, HW]
        SDVariable probs = sd.nn().softmax(scores, 2); // [N, HW, HW]
        SDVariable attended = sd.reshape(sd.mmul(probs, v), -1, c); // [N, HW, C] -> [N*HW, C]
        SDVariable out = linear(prefix + ".to_out.0", attended, c, c); // [N*HW, C]
        SDVariable spatial = sd.reshape(out, -1, x.height(), x.width(), c); // -> [N, H, W, C]
        SDVariable y = sd.permute(spatial, 0, 3, 1, 2).add(x.v()); // -> [N, C, H, W]
        return new FeatureMap(y, c, x.height(), x.width());
    }

    /** {@code x · Wᵀ + b} for PyTorch Linear weights {@code [out, in]}. */
    SDVariable linear(String prefix, SDVariable x, int in, int out) {
        SDVariable w = param(prefix + ".weight", out, in);
        SDVariable b = param(prefix + ".bias", out);
        return sd.mmul(x, w, false, true, false).add(b); // [M, in] -> [M, out]
    }

    /** Downsample2D of the VAE encoder: zero-pad right and bottom by one, then 3x3 conv, stride 2, no padding. */
    FeatureMap downsample(String prefix, FeatureMap x) {
        SDVariable pads = sd.constant(Nd4j.createFromArray(new int[][] {{0, 0}, {0, 0}, {0, 1}, {0, 1}}));
        SDVariable padded = sd.nn().pad(x.v(), pads, PadMode.CONSTANT, 0.0); // [N,C,H,W] -> [N,C,H+1,W+1]
        FeatureMap p = new FeatureMap(padded, x.channels(), x.height() + 1, x.width() + 1);
        return conv(prefix + ".conv", p, x.channels(), 3, 2, 0);
    }

    /** Upsample2D of the VAE decoder: nearest-neighbour x2, then 3x3 conv with padding 1. */
    FeatureMap upsample(String prefix, FeatureMap x) {
        SDVariable up = sd.cnn().upsampling2d(x.v(), 2, 2, true); // [N,C,H,W] -> [N,C,2H,2W]
        FeatureMap u = new FeatureMap(up, x.channels(), 2 * x.height(), 2 * x.width());
        return conv(prefix + ".conv", u, x.channels(), 3, 1, 1);
    }
}
