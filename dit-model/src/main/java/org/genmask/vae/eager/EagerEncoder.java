package org.genmask.vae.eager;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.genmask.kernels.Floats;
import org.genmask.vae.AutoencoderKLConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * diffusers' {@code Encoder} (double_z) plus the optional {@code quant_conv}, inference only, written out over
 * off-heap buffers and direct {@code cblas_sgemm} calls: the same layers and numerics as {@code EncoderGraph}
 * ({@code VaeLayers}), without the graph interpreter's per-op cost. All layers work on the {@link Padded} layout, on
 * sub-batches sized so that a feature-map slot stays near {@link #SLOT_FLOATS} elements (256 KB, cache-sized; at least
 * one image: one at a time from 32x32 images of the default VAE on, where larger sub-batches measured slower).
 *
 * <p>The weights are copied once and only read afterwards, so one instance serves any number of threads; the
 * buffers of a call live in an {@link EncoderWorkspace}, one per concurrent call.
 */
public final class EagerEncoder {
    static final long SLOT_FLOATS = 1 << 16;
    private final AutoencoderKLConfig config;
    private final Conv convIn;
    private final ResnetBlock[][] blocks;        // [level][layer]
    private final Downsample[] downsamplers;     // [level], none after the last level
    private final ResnetBlock midFirst;
    private final MidAttention attention;
    private final ResnetBlock midSecond;
    private final GroupNorm normOut;
    private final Conv convOut;
    private final Conv quantConv;                // null without use_quant_conv

    private EagerEncoder(AutoencoderKLConfig config, EncoderWeights w, double eps) {
        this.config = config;
        List<Integer> ch = config.blockOutChannels();
        int groups = config.normNumGroups();
        int moments = 2 * config.latentChannels();
        this.convIn = new Conv(w, "encoder.conv_in", config.inChannels(), ch.get(0), 3);
        this.blocks = new ResnetBlock[ch.size()][config.layersPerBlock()];
        this.downsamplers = new Downsample[ch.size() - 1];
        int width = ch.get(0);
        for (int i = 0; i < ch.size(); i++) {
            String block = "encoder.down_blocks." + i;
            for (int j = 0; j < config.layersPerBlock(); j++) {
                blocks[i][j] = new ResnetBlock(w, block + ".resnets." + j, width, ch.get(i), groups, eps);
                width = ch.get(i);
            }
            if (i < ch.size() - 1) {
                downsamplers[i] = new Downsample(w, block + ".downsamplers.0", width);
            }
        }
        this.midFirst = new ResnetBlock(w, "encoder.mid_block.resnets.0", width, width, groups, eps);
        this.attention = new MidAttention(w, "encoder.mid_block.attentions.0", width, groups, eps);
        this.midSecond = new ResnetBlock(w, "encoder.mid_block.resnets.1", width, width, groups, eps);
        this.normOut = new GroupNorm(w, "encoder.conv_norm_out", width, groups, eps);
        this.convOut = new Conv(w, "encoder.conv_out", width, moments, 3);
        this.quantConv = config.useQuantConv() ? new Conv(w, "quant_conv", moments, moments, 1) : null;
        w.checkAllTaken("encoder.", "quant_conv.");
    }

    /**
     * An encoder over {@code weights} (diffusers state-dict names, PyTorch layout; copied, and only the encoder's are
     * used) with GroupNorm epsilon {@code groupNormEps}.
     */
    public static EagerEncoder create(AutoencoderKLConfig config, Map<String, INDArray> weights, double groupNormEps) {
        return new EagerEncoder(config, new EncoderWeights(weights), groupNormEps);
    }

    /** Posterior moments {@code [N, 2 * latent_channels, H / f, W / f]} (mean, then logvar unclamped) of images. */
    public INDArray encode(INDArray images, EncoderWorkspace ws) {
        if (images.rank() != 4 || images.size(1) != config.inChannels()) {
            throw new IllegalArgumentException("eager VAE encoder: images must be [N, " + config.inChannels()
                    + ", H, W], got " + Arrays.toString(images.shape()));
        }
        INDArray src = images.castTo(DataType.FLOAT);
        if (src.isView() || src.ordering() != 'c') {
            src = src.dup('c');
        }
        int n = (int) src.size(0);
        int height = (int) src.size(2);
        int width = (int) src.size(3);
        long perImage = slotFloats(height, width);
        int h = height;
        int w = width;
        for (int i = 0; i < downsamplers.length; i++) {
            h = Downsample.outputSize(h);
            w = Downsample.outputSize(w);
        }
        INDArray moments = Nd4j.create(DataType.FLOAT, n, 2L * config.latentChannels(), h, w);
        Floats in = Floats.of(src);
        Floats out = Floats.of(moments);
        int batch = (int) Math.max(1, Math.min(n, SLOT_FLOATS / perImage));
        for (int n0 = 0; n0 < n; n0 += batch) {
            int nb = Math.min(batch, n - n0);
            int length = Math.toIntExact(perImage * nb);
            Padded x = new Padded(ws.slot(0, length), config.inChannels(), nb, height, width);
            copy(in, n0, x, true);
            Padded m = forward(x, ws.slot(1, length), ws.slot(2, length), ws.slot(3, length), ws);
            copy(out, n0, m, false);
        }
        return moments;
    }

    /** The layers on one sub-batch; x and the three other slots hold {@link #slotFloats} per image each. */
    private Padded forward(Padded x, Floats free, Floats a, Floats b, EncoderWorkspace ws) {
        Floats current = x.data();
        Padded y = new Padded(free, convIn.out, x.batch(), x.height(), x.width());
        convIn.forward(x, y, false, ws);                       // [in] -> [ch0]
        free = current;
        for (int i = 0; i < blocks.length; i++) {
            for (ResnetBlock block : blocks[i]) {
                current = y.data();
                y = block.forward(y, free, a, b, ws);          // -> [ch_i, h, w]
                free = current;
            }
            if (i < downsamplers.length) {
                current = y.data();
                y = downsamplers[i].forward(y, free, a, ws);   // -> [ch_i, h/2, w/2]
                free = current;
            }
        }
        current = y.data();
        y = midFirst.forward(y, free, a, b, ws);
        free = current;
        current = y.data();
        y = attention.forward(y, free, a, ws);
        free = current;
        y = midSecond.forward(y, current, a, b, ws);
        Padded act = new Padded(a, y.channels(), y.batch(), y.height(), y.width());
        normOut.forward(y, act, true, ws);
        Padded m = new Padded(b, convOut.out, y.batch(), y.height(), y.width());
        convOut.forward(act, m, false, ws);                    // -> [2L, h, w]
        if (quantConv == null) {
            return m;
        }
        Padded q = new Padded(a, quantConv.out, y.batch(), y.height(), y.width());
        quantConv.forward(m, q, false, ws);
        return q;
    }

    /** Elements of a feature-map slot per image of {@code height x width}: the largest map or phase buffer. */
    long slotFloats(int height, int width) {
        List<Integer> ch = config.blockOutChannels();
        int h = height;
        int w = width;
        long most = (long) Math.max(config.inChannels(), ch.get(0)) * (h + 2) * (w + 2);
        int previous = ch.get(0);
        for (int i = 0; i < ch.size(); i++) {
            most = Math.max(most, (long) Math.max(previous, ch.get(i)) * (h + 2) * (w + 2));
            previous = ch.get(i);
            if (i < downsamplers.length) {
                most = Math.max(most, Downsample.phaseSize(previous, 1, h, w));
                h = Downsample.outputSize(h);
                w = Downsample.outputSize(w);
            }
        }
        return Math.max(most, (long) Math.max(previous, 2 * config.latentChannels()) * (h + 2) * (w + 2));
    }

    /** Images n0.. of NCHW {@code dense} into the interior of {@code map} (load), or the interior back (store). */
    private static void copy(Floats dense, int n0, Padded map, boolean load) {
        int hw = map.height() * map.width();
        for (int b = 0; b < map.batch(); b++) {
            for (int c = 0; c < map.channels(); c++) {
                int image = ((n0 + b) * map.channels() + c) * hw;
                int padded = c * map.channelStride() + b * map.plane() + map.first();
                for (int r = 0; r < map.height(); r++) {
                    if (load) {
                        dense.copyTo(image + r * map.width(), map.data(), padded + r * map.stride(), map.width());
                    } else {
                        map.data().copyTo(padded + r * map.stride(), dense, image + r * map.width(), map.width());
                    }
                }
            }
        }
        if (load) {
            map.clearBorder();
        }
    }
}
