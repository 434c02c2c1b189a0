package org.genmask.data.latents;

import java.io.Serializable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * One row of {@link LatentTable#REJECTS}: an input the job could not use, and why. {@code file}, {@code line} and
 * {@code field} locate it in the manifest ({@code manifest.jsonl}, 17, {@code objects[2].mask}); {@code reason} is a
 * one-line message naming the data file.
 *
 * @param stage    where it was rejected: {@link #MANIFEST}, {@link #IMAGES} or {@link #MASKS}
 * @param file     the manifest's file name
 * @param line     the 1-based manifest line
 * @param field    the offending field as a JSON path, "" for the whole line
 * @param reason   one-line reason
 * @param problem  a machine-readable kind, e.g. {@code MANIFEST}, {@code MISSING_FILE}, {@code UNDECODABLE},
 *                 {@code SIZE_MISMATCH}, {@code EMPTY_MASK}, {@code EMPTY_AFTER_CROP}, {@code IMAGE_REJECTED}
 * @param imageId  the image id when known, else null
 * @param objectId the object id when the reject concerns one object, else null
 * @param path     the data file concerned (relative to the dataset root) when known, else null
 */
public record RejectRow(String stage, String file, long line, String field, String reason, String problem,
                        String imageId, String objectId, String path) implements Serializable {

    /** Rejected while reading the manifest (the whole line). */
    public static final String MANIFEST = "manifest";
    /** Rejected while encoding images. */
    public static final String IMAGES = "images";
    /** Rejected while encoding masks. */
    public static final String MASKS = "masks";

    /** Validates the fields. */
    public RejectRow {
        if (!MANIFEST.equals(stage) && !IMAGES.equals(stage) && !MASKS.equals(stage)) {
            throw new IllegalArgumentException("reject stage must be manifest, images or masks, got " + stage);
        }
        if (file == null || field == null || reason == null || problem == null || line < 1) {
            throw new IllegalArgumentException("reject row needs a file, a line >= 1, a field, a reason and a "
                    + "problem; got " + file + " line " + line);
        }
        if (reason.indexOf('\n') >= 0) {
            reason = reason.replace('\n', ' ');
        }
    }

    /** The message {@code manifest.jsonl line 17: objects[2].mask: <reason>}. */
    public String message() {
        return file + " line " + line + ": " + (field.isEmpty() ? "" : field + ": ") + reason;
    }

    /** The Spark row. */
    public Row toRow() {
        return RowFactory.create(stage, file, line, field, reason, problem, imageId, objectId, path);
    }

    /** Reads a row of the rejects table (by column name). */
    public static RejectRow fromRow(Row r) {
        return new RejectRow(r.getString(r.fieldIndex("stage")), r.getString(r.fieldIndex("file")),
                r.getLong(r.fieldIndex("line")), r.getString(r.fieldIndex("field")),
                r.getString(r.fieldIndex("reason")), r.getString(r.fieldIndex("problem")),
                r.getString(r.fieldIndex("image_id")), r.getString(r.fieldIndex("object_id")),
                r.getString(r.fieldIndex("path")));
    }
}
