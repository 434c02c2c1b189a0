package org.genmask.data.jobs;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;
import org.genmask.data.RelativePath;
import org.genmask.data.hadoop.HadoopDatasetFiles;
import org.genmask.data.image.DecodedImage;
import org.genmask.data.image.ImageDecoder;
import org.genmask.data.image.PairPreparer;
import org.genmask.data.image.SquareMask;
import org.genmask.data.latents.LatentPair;
import org.genmask.data.latents.MaskLatentRow;
import org.genmask.data.latents.RejectRow;
import org.genmask.data.manifest.DatasetObject;
import org.genmask.data.manifest.ManifestRecord;
import org.genmask.vae.VaeCodec;

/**
 * The masks stage on an executor: for each image, decodes the image (for its size), then each object's mask,
 * checks it (same size as the image, not empty, not empty after the crop), renders it as a black/white RGB image
 * with the image's geometry, and encodes it with its mirror in batches. Unusable masks, and every mask of an
 * unusable image, become rejects rows.
 */
final class MaskStage implements FlatMapFunction<Iterator<ManifestRecord>, Row> {

    private static final long serialVersionUID = 1L;

    private final StageContext ctx;
    private final LongAccumulator progress;
    private final CollectionAccumulator<RejectRow> rejects;

    MaskStage(StageContext ctx, LongAccumulator progress, CollectionAccumulator<RejectRow> rejects) {
        this.ctx = ctx;
        this.progress = progress;
        this.rejects = rejects;
    }

    /** A checked, resized mask ready for the VAE. */
    private record Prepared(ManifestRecord record, DatasetObject object, SquareMask mask) {
    }

    @Override
    public Iterator<Row> call(Iterator<ManifestRecord> records) throws IOException {
        if (!records.hasNext()) {
            return Collections.emptyIterator();
        }
        FlipEncoder encoder = new FlipEncoder(new VaeCodec(ctx.vae().load(), ctx.batchSize()), ctx.resolution(),
                ctx.shape());
        PairPreparer prep = PairPreparer.ofResolution(ctx.resolution());
        Iterator<Prepared> masks = new Iterator<>() {
            private Iterator<Prepared> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && records.hasNext()) {
                    current = prepare(records.next(), prep).iterator();
                }
                return current.hasNext();
            }

            @Override
            public Prepared next() {
                hasNext();
                return current.next();
            }
        };
        return new Batches<>(masks, ctx.batchSize(), batch -> {
            List<float[]> inputs = new ArrayList<>();
            List<float[]> mirrored = new ArrayList<>();
            for (Prepared p : batch) {
                inputs.add(p.mask().toRgb());
                mirrored.add(p.mask().flipped().toRgb());
            }
            List<LatentPair[]> latents = encoder.encode(inputs, mirrored);
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                Prepared p = batch.get(i);
                LatentPair[] l = latents.get(i);
                InputProblem problem = null;
                if (!FlipEncoder.finite(l)) {
                    problem = new InputProblem("NON_FINITE", p.object().mask() + ": the VAE returned a non-finite "
                            + "latent");
                } else {
                    try {
                        rows.add(new MaskLatentRow(p.record().image().id(), p.object().id(), p.record().image().split(),
                                p.object().mask().value(), p.mask().count(), l[0], l[1]).toRow(ctx.dtype()));
                    } catch (ArithmeticException e) {
                        problem = new InputProblem("LATENT_OVERFLOW", p.object().mask() + ": " + e.getMessage());
                    }
                }
                if (problem != null) {
                    reject(problem, p.record(), p.record().image().objects().indexOf(p.object()));
                }
            }
            progress.add(batch.size());
            return rows;
        });
    }

    /** The usable masks of one image; the others (all, when the image is unusable) are rejected. */
    private List<Prepared> prepare(ManifestRecord r, PairPreparer prep) {
        HadoopDatasetFiles files = ctx.files();
        List<DatasetObject> objects = r.image().objects();
        List<Prepared> out = new ArrayList<>();
        if (objects.isEmpty()) {
            return out;
        }
        RelativePath imagePath = r.image().image();
        DecodedImage image;
        try {
            image = ImageDecoder.decodeImage(imagePath.value(), files.read(imagePath));
        } catch (IOException e) {
            InputProblem cause = InputProblem.of(e, imagePath);
            for (int i = 0; i < objects.size(); i++) {
                reject(new InputProblem("IMAGE_REJECTED", objects.get(i).mask() + ": not encoded: its image "
                        + imagePath + " was rejected (" + cause.reason() + ")"), r, i);
            }
            progress.add(objects.size());
            return out;
        }
        for (int i = 0; i < objects.size(); i++) {
            DatasetObject o = objects.get(i);
            try {
                out.add(new Prepared(r, o, prep.mask(o.mask().value(), files.read(o.mask()), imagePath.value(),
                        image.width(), image.height())));
            } catch (IOException e) {
                reject(InputProblem.of(e, o.mask()), r, i);
                progress.add(1);
            }
        }
        return out;
    }

    private void reject(InputProblem problem, ManifestRecord r, int objectIndex) {
        DatasetObject o = r.image().objects().get(objectIndex);
        rejects.add(problem.reject(RejectRow.MASKS, r, "objects[" + objectIndex + "].mask", o.id(), o.mask()));
    }
}
