package org.genmask.vae;

import java.util.List;

/** A small AutoencoderKL config for fast tests: 2 levels (8, 16 channels), 4 groups, 4 latent channels. */
final class TinyVae {
    private TinyVae() {
    }

    static AutoencoderKLConfig config(boolean quantConvs, double shift) {
        return new AutoencoderKLConfig(3, 3, List.of(AutoencoderKLConfig.DOWN_BLOCK, AutoencoderKLConfig.DOWN_BLOCK),
                List.of(AutoencoderKLConfig.UP_BLOCK, AutoencoderKLConfig.UP_BLOCK), List.of(8, 16), 1, "silu", 4, 4,
                16, 0.5, shift, quantConvs, quantConvs);
    }

    static AutoencoderKL model(long seed) {
        AutoencoderKLConfig c = config(true, 0.25);
        return AutoencoderKL.create(c, VaeInitializer.random(c, seed));
    }
}
