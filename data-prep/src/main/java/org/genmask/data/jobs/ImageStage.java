package org.genmask.data.jobs;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;
import org.genmask.data.RelativePath;
import org.genmask.data.hadoop.HadoopDatasetFiles;
import org.genmask.data.image.PairPreparer;
import org.genmask.data.image.SquareImage;
import org.genmask.data.latents.ImageLatentRow;
import org.genmask.data.latents.LatentPair;
import org.genmask.data.latents.RejectRow;
import org.genmask.data.manifest.ManifestRecord;
import org.genmask.vae.VaeCodec;

/**
 * The images stage on an executor: reads, decodes, resizes and crops each image, encodes it with its mirror in
 * batches, and returns the rows of the images table. An image that cannot be used becomes a rejects row (sent to
 * the driver through an accumulator) instead of an error.
 */
final class ImageStage implements FlatMapFunction<Iterator<ManifestRecord>, Row> {

    private static final long serialVersionUID = 1L;

    private final StageContext ctx;
    private final LongAccumulator progress;
    private final CollectionAccumulator<RejectRow> rejects;

    ImageStage(StageContext ctx, LongAccumulator progress, CollectionAccumulator<RejectRow> rejects) {
        this.ctx = ctx;
        this.progress = progress;
        this.rejects = rejects;
    }

    @Override
    public Iterator<Row> call(Iterator<ManifestRecord> records) throws IOException {
        if (!records.hasNext()) {
            return java.util.Collections.emptyIterator(); // no VAE load for an empty partition
        }
        FlipEncoder encoder = new FlipEncoder(new VaeCodec(ctx.vae().load(), ctx.batchSize()), ctx.resolution(),
                ctx.shape());
        PairPreparer prep = PairPreparer.ofResolution(ctx.resolution());
        HadoopDatasetFiles files = ctx.files();
        return new Batches<>(records, ctx.batchSize(), batch -> {
            List<ManifestRecord> ok = new ArrayList<>();
            List<float[]> inputs = new ArrayList<>();
            List<float[]> mirrored = new ArrayList<>();
            for (ManifestRecord r : batch) {
                RelativePath path = r.image().image();
                try {
                    SquareImage img = prep.image(path.value(), files.read(path));
                    inputs.add(img.toArray());
                    mirrored.add(img.flipped().toArray());
                    ok.add(r);
                } catch (IOException e) {
                    rejects.add(InputProblem.of(e, path).reject(RejectRow.IMAGES, r, "image", null, path));
                }
            }
            List<LatentPair[]> latents = encoder.encode(inputs, mirrored);
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < ok.size(); i++) {
                ManifestRecord r = ok.get(i);
                LatentPair[] p = latents.get(i);
                InputProblem problem = null;
                if (!FlipEncoder.finite(p)) {
                    problem = new InputProblem("NON_FINITE", r.image().image() + ": the VAE returned a non-finite "
                            + "latent");
                } else {
                    try {
                        rows.add(new ImageLatentRow(r.image().id(), r.image().split(), r.image().image().value(),
                                p[0], p[1]).toRow(ctx.dtype()));
                    } catch (ArithmeticException e) {
                        problem = new InputProblem("LATENT_OVERFLOW", r.image().image() + ": " + e.getMessage());
                    }
                }
                if (problem != null) {
                    rejects.add(problem.reject(RejectRow.IMAGES, r, "image", null, r.image().image()));
                }
            }
            progress.add(batch.size());
            return rows;
        });
    }
}
