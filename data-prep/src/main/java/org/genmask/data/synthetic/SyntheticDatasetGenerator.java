package org.genmask.data.synthetic;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.genmask.data.DatasetFiles;
import org.genmask.data.RelativePath;
import org.genmask.data.image.PngWriter;
import org.genmask.data.manifest.DatasetImage;
import org.genmask.data.manifest.DatasetObject;
import org.genmask.data.manifest.ManifestReader;
import org.genmask.data.manifest.ManifestWriter;
import org.genmask.data.manifest.Split;
import org.genmask.data.text.TokenCounts;
import org.genmask.data.text.Vocabulary;
import org.genmask.diffusion.WorkerSeed;

/**
 * Writes the synthetic referring-segmentation dataset in the layout of {@code docs/dataset-layout.md}:
 * {@code images/<id>.png}, {@code masks/<id>_<k>.png} (one per object), {@code manifest.jsonl},
 * {@code vocabulary.json} (train split texts) and {@code synthetic.json} (the settings).
 *
 * <p>Image {@code i} depends only on (seed, i): its random stream is {@code WorkerSeed(seed, round = i, worker = 0)},
 * split into a scene stream and a text stream. Its split comes from the low-discrepancy sequence
 * {@code u_i = frac(o + i * 0.618...)} (o from the seed): test if {@code u_i < test}, val if {@code u_i < test + val},
 * else train; so split sizes are within a few images of the fractions and changing a fraction changes no scene.
 * Images are made in parallel; the manifest is written in index order; equal configs give byte-identical files
 * whatever the thread count.
 */
public final class SyntheticDatasetGenerator {

    /** The settings file written beside the manifest. */
    public static final RelativePath INFO = new RelativePath("synthetic.json");
    private static final int BLOCK = 2048;
    private static final int TASK = 16;
    private static final double GOLDEN = 0.6180339887498949;
    private static final int MAX_EXPRESSIONS = 3;

    private final SyntheticConfig config;
    private final SceneSampler sampler;
    private final int idWidth;
    private final double splitOffset;

    /** A generator for the config. */
    public SyntheticDatasetGenerator(SyntheticConfig config) {
        this.config = config;
        this.sampler = new SceneSampler(config.minObjects(), config.maxObjects(), config.objectScale());
        this.idWidth = Math.max(6, Long.toString(config.images() - 1L).length());
        this.splitOffset = (new WorkerSeed(config.seed(), 0, 0).mixed() >>> 11) * 0x1.0p-53;
    }

    /** The id of image {@code index}: zero-padded to at least 6 digits. */
    public String imageId(long index) {
        return String.format(Locale.ROOT, "%0" + idWidth + "d", index);
    }

    /** The split of image {@code index}. */
    public Split split(long index) {
        double u = splitOffset + index * GOLDEN;
        u -= Math.floor(u);
        return u < config.test() ? Split.TEST : u < config.test() + config.val() ? Split.VAL : Split.TRAIN;
    }

    /** Image {@code index}'s scene and texts (a pure function of the seed and the index). */
    public SyntheticSample sample(long index) {
        SplittableRandom random = new WorkerSeed(config.seed(), index, 0).newRandom();
        SplittableRandom sceneRandom = random.split();
        SplittableRandom textRandom = random.split();
        Scene scene = sampler.sample(sceneRandom);
        List<String> captions = CaptionWriter.captions(scene, textRandom);
        List<List<String>> expressions = new ArrayList<>();
        for (SceneObject o : scene.objects()) {
            int max = 1 + textRandom.nextInt(MAX_EXPRESSIONS);
            expressions.add(ReferringExpressions.choose(ReferringExpressions.candidates(scene, o), max, textRandom));
        }
        return new SyntheticSample(index, imageId(index), split(index), scene, captions, expressions);
    }

    /** The manifest entry of a sample. */
    public DatasetImage manifestEntry(SyntheticSample s) {
        List<DatasetObject> objects = new ArrayList<>();
        for (int k = 0; k < s.scene().objects().size(); k++) {
            String objectId = DatasetImage.defaultObjectId(s.id(), k);
            objects.add(new DatasetObject(objectId, new RelativePath("masks/" + objectId + ".png"),
                    s.expressions().get(k)));
        }
        return new DatasetImage(s.id(), new RelativePath("images/" + s.id() + ".png"), s.split(), s.captions(),
                objects);
    }

    /** Renders a sample and writes its image and masks; returns its manifest entry. */
    public DatasetImage write(SyntheticSample s, DatasetFiles files) throws IOException {
        DatasetImage entry = manifestEntry(s);
        int size = config.size();
        boolean[][] masks = SceneRenderer.masks(s.scene(), size);
        files.write(entry.image(), PngWriter.rgb8(size, size, SceneRenderer.rgb(s.scene(), size, masks)));
        for (int k = 0; k < masks.length; k++) {
            files.write(entry.objects().get(k).mask(), PngWriter.mask(size, size, masks[k]));
        }
        return entry;
    }

    /**
     * Writes the whole dataset into an empty root.
     *
     * @throws IOException if the root already holds a manifest, or on a write failure
     */
    public GenerationReport generate(DatasetFiles files) throws IOException {
        if (files.exists(ManifestReader.MANIFEST_PATH)) {
            throw new IOException(files.uri(ManifestReader.MANIFEST_PATH) + ": already exists; write the synthetic"
                    + " dataset into a new directory");
        }
        long started = System.nanoTime();
        long[] splits = new long[Split.values().length];
        long objects = 0;
        long expressions = 0;
        TokenCounts counts = new TokenCounts();
        ExecutorService pool = Executors.newFixedThreadPool(config.threads(), r -> {
            Thread t = new Thread(r, "synthetic-generator");
            t.setDaemon(true);
            return t;
        });
        try (Writer manifest = new BufferedWriter(new OutputStreamWriter(files.create(ManifestReader.MANIFEST_PATH),
                StandardCharsets.UTF_8))) {
            for (long start = 0; start < config.images(); start += BLOCK) {
                DatasetImage[] entries = block(start, (int) Math.min(BLOCK, config.images() - start), files, pool);
                for (DatasetImage e : entries) {
                    manifest.write(ManifestWriter.line(e));
                    manifest.write('\n');
                    splits[e.split().ordinal()]++;
                    objects += e.objects().size();
                    for (DatasetObject o : e.objects()) {
                        expressions += o.expressions().size();
                    }
                    if (e.split() == Split.TRAIN) {
                        e.texts().forEach(counts::add);
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        Vocabulary vocabulary = counts.toVocabulary(1, Integer.MAX_VALUE);
        vocabulary.write(files);
        files.write(INFO, info(splits).getBytes(StandardCharsets.UTF_8));
        double seconds = (System.nanoTime() - started) / 1e9;
        return new GenerationReport(config.images(), objects, expressions, splits[Split.TRAIN.ordinal()],
                splits[Split.VAL.ordinal()], splits[Split.TEST.ordinal()], vocabulary.words().size(), seconds);
    }

    private DatasetImage[] block(long start, int n, DatasetFiles files, ExecutorService pool) throws IOException {
        DatasetImage[] entries = new DatasetImage[n];
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int from = 0; from < n; from += TASK) {
            int lo = from;
            int hi = Math.min(n, from + TASK);
            tasks.add(() -> {
                for (int i = lo; i < hi; i++) {
                    entries[i] = write(sample(start + i), files);
                }
                return null;
            });
        }
        try {
            for (Future<Void> f : pool.invokeAll(tasks)) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("synthetic generation interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException("synthetic generation failed: " + cause, cause);
        }
        return entries;
    }

    private String info(long[] splits) {
        return String.format(Locale.ROOT, "{\"generator\":\"org.genmask.data.synthetic/1\",\"seed\":%d,\"images\":%d,"
                        + "\"size\":%d,\"val\":%s,\"test\":%s,\"min_objects\":%d,\"max_objects\":%d,"
                        + "\"object_scale\":%s,\"train_images\":%d,\"val_images\":%d,\"test_images\":%d}\n",
                config.seed(), config.images(), config.size(), Double.toString(config.val()),
                Double.toString(config.test()), config.minObjects(), config.maxObjects(),
                Double.toString(config.objectScale()), splits[0], splits[1], splits[2]);
    }
}
