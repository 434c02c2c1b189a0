package org.genmask.data.latents;

import java.io.Serializable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.genmask.data.manifest.Split;

/**
 * One row of {@link LatentTable#IMAGES}: an image's posterior, original and mirrored left-right.
 *
 * @param imageId  the manifest id
 * @param split    the image's split
 * @param image    the image file, relative to the dataset root
 * @param original posterior of the image
 * @param flipped  posterior of the image mirrored left-right
 */
public record ImageLatentRow(String imageId, Split split, String image, LatentPair original, LatentPair flipped)
        implements Serializable {

    /** Validates the fields. */
    public ImageLatentRow {
        if (imageId == null || split == null || image == null || original == null || flipped == null
                || original.mean().length != flipped.mean().length) {
            throw new IllegalArgumentException("image latent row " + imageId + ": every field is required and both "
                    + "posteriors must have one size");
        }
    }

    /** The Spark row, latents encoded as {@code dtype}. */
    public Row toRow(LatentDType dtype) {
        byte[][] o = original.encode(dtype);
        byte[][] f = flipped.encode(dtype);
        return RowFactory.create(imageId, split.jsonName(), image, o[0], o[1], f[0], f[1]);
    }

    /** Reads a row of the images table (by column name). */
    public static ImageLatentRow fromRow(Row r, LatentDType dtype, LatentShape shape) {
        String id = r.getString(r.fieldIndex("image_id"));
        return new ImageLatentRow(id, Split.fromJson(r.getString(r.fieldIndex("split"))),
                r.getString(r.fieldIndex("image")),
                LatentPair.decode(dtype, shape, r.getAs("mean"), r.getAs("logvar")),
                LatentPair.decode(dtype, shape, r.getAs("flip_mean"), r.getAs("flip_logvar")));
    }
}
