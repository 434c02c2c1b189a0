package org.genmask.data.manifest;

import java.io.Serializable;

/**
 * The outcome of reading one manifest line: either the parsed image or the reason it was rejected. Rejections are
 * values, not exceptions, so that a Spark job can route them to a rejects table ({@code file}, {@code line},
 * {@code field}, {@code reason}) and go on.
 *
 * @param file   the manifest's name as used in messages, e.g. {@code manifest.jsonl}
 * @param line   the 1-based line number
 * @param image  the parsed image, or null when rejected
 * @param field  when rejected: the offending field as a JSON path ({@code objects[2].mask}), or "" for the whole
 *               line; null when accepted
 * @param reason when rejected: a one-line reason; null when accepted
 */
public record ManifestRecord(String file, long line, DatasetImage image, String field, String reason)
        implements Serializable {

    /** Checks that exactly one of image and (field, reason) is given. */
    public ManifestRecord {
        if (file == null || line < 1) {
            throw new IllegalArgumentException("manifest record needs a file name and a line >= 1, got " + file
                    + " line " + line);
        }
        boolean rejected = reason != null;
        if (rejected == (image != null) || rejected != (field != null)) {
            throw new IllegalArgumentException(file + " line " + line
                    + ": a record holds either an image or a (field, reason) rejection");
        }
    }

    /** An accepted line. */
    public static ManifestRecord accepted(String file, long line, DatasetImage image) {
        return new ManifestRecord(file, line, image, null, null);
    }

    /** A rejected line; {@code field} is "" when the problem concerns the whole line. */
    public static ManifestRecord rejected(String file, long line, String field, String reason) {
        return new ManifestRecord(file, line, null, field, reason);
    }

    /** Whether the line was parsed into an image. */
    public boolean isAccepted() {
        return image != null;
    }

    /**
     * A one-line description: {@code manifest.jsonl line 17: objects[2].mask: file not found: masks/000017_2.png},
     * or {@code manifest.jsonl line 17: ok}.
     */
    public String message() {
        String where = file + " line " + line + ": ";
        if (isAccepted()) {
            return where + "ok";
        }
        return field.isEmpty() ? where + reason : where + field + ": " + reason;
    }
}
