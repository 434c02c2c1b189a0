package org.genmask.vae;

import java.util.List;

/** diffusers' {@code Encoder} (double_z) followed by the optional {@code quant_conv}: image to posterior moments. */
final class EncoderGraph {
    private EncoderGraph() {
    }

    /** {@code [N, in_channels, H, W]} to moments {@code [N, 2 * latent_channels, H / f, W / f]}. */
    static FeatureMap build(VaeLayers layers, AutoencoderKLConfig config, FeatureMap image) {
        List<Integer> ch = config.blockOutChannels();
        FeatureMap x = layers.conv("encoder.conv_in", image, ch.get(0), 3, 1, 1); // -> [N, ch0, H, W]
        for (int i = 0; i < ch.size(); i++) {
            String block = "encoder.down_blocks." + i;
            for (int j = 0; j < config.layersPerBlock(); j++) {
                x = layers.resnet(block + ".resnets." + j, x, ch.get(i)); // -> [N, ch_i, h, w]
            }
            if (i < ch.size() - 1) {
                x = layers.downsample(block + ".downsamplers.0", x); // -> [N, ch_i, h/2, w/2]
            }
        }
        x = layers.midBlock("encoder.mid_block", x);
        x = layers.silu(layers.groupNorm("encoder.conv_norm_out", x));
        x = layers.conv("encoder.conv_out", x, 2 * config.latentChannels(), 3, 1, 1); // -> [N, 2L, h, w]
        if (config.useQuantConv()) {
            x = layers.conv("quant_conv", x, 2 * config.latentChannels(), 1, 1, 0); // [N, 2L, h, w]
        }
        return x;
    }
}
