package org.genmask.vae;

import java.util.List;

/** The optional {@code post_quant_conv} followed by diffusers' {@code Decoder}: unscaled latent to image. */
final class DecoderGraph {
    private DecoderGraph() {
    }

    /** {@code [N, latent_channels, h, w]} to {@code [N, out_channels, h * f, w * f]}. */
    static FeatureMap build(VaeLayers layers, AutoencoderKLConfig config, FeatureMap latent) {
        List<Integer> ch = config.blockOutChannels();
        int levels = ch.size();
        FeatureMap x = latent;
        if (config.usePostQuantConv()) {
            x = layers.conv("post_quant_conv", x, config.latentChannels(), 1, 1, 0); // [N, L, h, w]
        }
        x = layers.conv("decoder.conv_in", x, ch.get(levels - 1), 3, 1, 1); // -> [N, ch_last, h, w]
        x = layers.midBlock("decoder.mid_block", x);
        for (int i = 0; i < levels; i++) {
            String block = "decoder.up_blocks." + i;
            int out = ch.get(levels - 1 - i);
            for (int j = 0; j < config.layersPerBlock() + 1; j++) {
                x = layers.resnet(block + ".resnets." + j, x, out); // -> [N, out, h, w]
            }
            if (i < levels - 1) {
                x = layers.upsample(block + ".upsamplers.0", x); // -> [N, out, 2h, 2w]
            }
        }
        x = layers.silu(layers.groupNorm("decoder.conv_norm_out", x));
        return layers.conv("decoder.conv_out", x, config.outChannels(), 3, 1, 1); // -> [N, out_channels, H, W]
    }
}
