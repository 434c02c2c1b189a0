package org.genmask.data.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.genmask.vae.SyntheticShapes;
import org.genmask.vae.VaeTrainer;

/**
 * VAE training data from the synthetic referring generator itself: scenes drawn by a seeded stream of image indices,
 * and masks drawn uniformly from the objects of those scenes, so the VAE learns the exact images and masks the
 * pipeline will encode. The held-out set comes from another seed.
 */
final class ReferringSceneBatches implements VaeTrainer.Data {
    private final SyntheticDatasetGenerator training;
    private final int size;
    private final SplittableRandom random;
    private final SyntheticShapes.Batch heldOut;
    private long nextIndex;

    ReferringSceneBatches(int size, long seed, int heldOutScenes) {
        this.size = size;
        this.training = generator(size, seed);
        this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        SyntheticDatasetGenerator held = generator(size, seed + 1_000_003L);
        List<float[]> images = new ArrayList<>();
        List<float[]> masks = new ArrayList<>();
        for (int i = 0; i < heldOutScenes; i++) {
            SyntheticSample s = held.sample(i);
            boolean[][] m = SceneRenderer.masks(s.scene(), size);
            images.add(SceneArrays.image(SceneRenderer.rgb(s.scene(), size, m), size));
            masks.add(SceneArrays.mask(m[i % m.length], size));
        }
        this.heldOut = new SyntheticShapes.Batch(SceneArrays.stack(images, size), SceneArrays.stack(masks, size));
    }

    private static SyntheticDatasetGenerator generator(int size, long seed) {
        return new SyntheticDatasetGenerator(new SyntheticConfig("in-memory", Integer.MAX_VALUE, size, seed, 0.0, 0.0,
                2, 4, 1));
    }

    @Override
    public synchronized SyntheticShapes.Batch next(int n) {
        List<float[]> images = new ArrayList<>();
        List<float[]> masks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SyntheticSample s = training.sample(nextIndex++);
            boolean[][] m = SceneRenderer.masks(s.scene(), size);
            images.add(SceneArrays.image(SceneRenderer.rgb(s.scene(), size, m), size));
            masks.add(SceneArrays.mask(m[random.nextInt(m.length)], size));
        }
        return new SyntheticShapes.Batch(SceneArrays.stack(images, size), SceneArrays.stack(masks, size));
    }

    @Override
    public SyntheticShapes.Batch heldOut() {
        return heldOut;
    }
}
