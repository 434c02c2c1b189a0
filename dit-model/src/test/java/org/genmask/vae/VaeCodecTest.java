package org.genmask.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.genmask.golden.Golden;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class VaeCodecTest {

    @Test
    void batchedEncodeAndDecodeEqualTheGoldenPerImage() throws Exception {
        Golden g = Golden.of("autoencoder_kl");
        AutoencoderKL vae = AutoencoderKL.load(g.dir().resolve("sd"));
        INDArray images = Nd4j.concat(0, g.read("input_random.f32"), g.read("input_mask.f32")); // -> [3, 3, 32, 32]
        VaeCodec codec = new VaeCodec(vae, 2); // batches of 2 and 1
        LatentDistribution d = codec.encode(images);
        assertArrayEquals(new long[] {3, 4, 16, 16}, d.mean().shape());
        INDArray ref = Nd4j.concat(0, g.read("sd/random_latent_mean.f32"), g.read("sd/mask_latent_mean.f32"));
        Golden.assertClose("batched sd latent_mean", ref, d.mean(), g.tolerance("sd/random_latent_mean.f32"));
        INDArray scaled = codec.encodeScaled(images);
        Golden.assertClose("batched sd latent_scaled (mask row)", g.read("sd/mask_latent_scaled.f32"),
                scaled.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 3)), g.tolerance("sd/mask_latent_scaled.f32"));
        INDArray decoded = codec.decode(scaled);
        INDArray refDecoded = Nd4j.concat(0, g.read("sd/random_decoded.f32"), g.read("sd/mask_decoded.f32"));
        Golden.assertClose("batched sd decoded", refDecoded, decoded, g.tolerance("sd/mask_decoded.f32"));
    }

    @Test
    void batchSizeDoesNotChangeResults() {
        AutoencoderKL vae = TinyVae.model(11);
        INDArray images = Nd4j.rand(DataType.FLOAT, 5, 3, 16, 16).muli(2).subi(1);
        LatentDistribution one = new VaeCodec(vae, 1).encode(images);
        LatentDistribution all = new VaeCodec(vae, 5).encode(images);
        Golden.assertClose("mean, batch 1 vs 5", all.mean(), one.mean(), 1e-5);
        Golden.assertClose("logvar, batch 1 vs 5", all.logvar(), one.logvar(), 1e-5);
        INDArray scaled = new VaeCodec(vae, 3).encodeScaled(images);
        Golden.assertClose("scaled = (mean - 0.25) * 0.5", all.mean().sub(0.25).mul(0.5), scaled, 1e-6);
        Golden.assertClose("decode, batch 2 vs 5", new VaeCodec(vae, 5).decode(scaled),
                new VaeCodec(vae, 2).decode(scaled), 1e-5);
        assertThrows(IllegalArgumentException.class, () -> new VaeCodec(vae, 0));
        assertThrows(IllegalArgumentException.class, () -> vae.encode(Nd4j.zeros(DataType.FLOAT, 1, 4, 16, 16)));
    }
}
