package org.genmask.data.jobs;

import java.io.FileNotFoundException;
import java.io.IOException;
import org.genmask.data.RelativePath;
import org.genmask.data.image.ImageDataException;
import org.genmask.data.latents.RejectRow;
import org.genmask.data.manifest.ManifestRecord;

/**
 * Why one input file could not be used: a machine-readable kind and a one-line reason naming the file.
 *
 * @param problem {@code MISSING_FILE}, {@code UNREADABLE}, an {@link org.genmask.data.image.ImageProblem} name,
 *                {@code IMAGE_REJECTED}, {@code LATENT_OVERFLOW} or {@code NON_FINITE}
 * @param reason  the one-line reason
 */
record InputProblem(String problem, String reason) {

    InputProblem {
        reason = reason.replace('\n', ' ');
    }

    /** The problem of an exception raised while reading or decoding {@code path}. */
    static InputProblem of(IOException e, RelativePath path) {
        if (e instanceof FileNotFoundException) {
            return new InputProblem("MISSING_FILE", "file not found: " + path);
        }
        if (e instanceof ImageDataException d) {
            return new InputProblem(d.problem().name(), d.getMessage());
        }
        return new InputProblem("UNREADABLE", path + ": cannot read: " + e.getMessage());
    }

    /** This problem as a rejects row. */
    RejectRow reject(String stage, ManifestRecord record, String field, String objectId, RelativePath path) {
        return new RejectRow(stage, record.file(), record.line(), field, reason, problem, record.image().id(),
                objectId, path == null ? null : path.value());
    }
}
