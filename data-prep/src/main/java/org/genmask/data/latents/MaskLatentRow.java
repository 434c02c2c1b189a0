package org.genmask.data.latents;

import java.io.Serializable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.genmask.data.manifest.Split;

/**
 * One row of {@link LatentTable#MASKS}: an object's mask, rendered as a black/white RGB image, as a posterior,
 * original and mirrored left-right (the same flip as its image's {@code flip_*} columns).
 *
 * @param imageId  the image's manifest id
 * @param objectId the object's id (unique within the image)
 * @param split    the image's split
 * @param mask     the mask file, relative to the dataset root
 * @param pixels   object pixels after resize and crop (&gt; 0)
 * @param original posterior of the mask image
 * @param flipped  posterior of the mask image mirrored left-right
 */
public record MaskLatentRow(String imageId, String objectId, Split split, String mask, int pixels,
                            LatentPair original, LatentPair flipped) implements Serializable {

    /** Validates the fields. */
    public MaskLatentRow {
        if (imageId == null || objectId == null || split == null || mask == null || original == null
                || flipped == null || original.mean().length != flipped.mean().length) {
            throw new IllegalArgumentException("mask latent row " + imageId + "/" + objectId + ": every field is "
                    + "required and both posteriors must have one size");
        }
        if (pixels <= 0) {
            throw new IllegalArgumentException("mask latent row " + imageId + "/" + objectId + ": pixels must be > 0,"
                    + " got " + pixels);
        }
    }

    /** The Spark row, latents encoded as {@code dtype}. */
    public Row toRow(LatentDType dtype) {
        byte[][] o = original.encode(dtype);
        byte[][] f = flipped.encode(dtype);
        return RowFactory.create(imageId, objectId, split.jsonName(), mask, pixels, o[0], o[1], f[0], f[1]);
    }

    /** Reads a row of the masks table (by column name). */
    public static MaskLatentRow fromRow(Row r, LatentDType dtype, LatentShape shape) {
        return new MaskLatentRow(r.getString(r.fieldIndex("image_id")), r.getString(r.fieldIndex("object_id")),
                Split.fromJson(r.getString(r.fieldIndex("split"))), r.getString(r.fieldIndex("mask")),
                r.getInt(r.fieldIndex("pixels")),
                LatentPair.decode(dtype, shape, r.getAs("mean"), r.getAs("logvar")),
                LatentPair.decode(dtype, shape, r.getAs("flip_mean"), r.getAs("flip_logvar")));
    }
}
