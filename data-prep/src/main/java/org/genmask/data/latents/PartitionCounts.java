package org.genmask.data.latents;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Row counts of a latent partition and the manifest they must add up to: every accepted image is either in the
 * images table or rejected at the images stage, every object of an accepted image is in the masks table or rejected
 * at the masks stage, and every text of an accepted image is in the texts table.
 *
 * @param manifestLines   non-blank manifest lines
 * @param manifestRejects lines rejected by the manifest reader
 * @param objects         objects of the accepted lines
 * @param textsExpected   captions and expressions of the accepted lines
 * @param images          rows of the images table
 * @param imageRejects    images rejected at the images stage
 * @param masks           rows of the masks table
 * @param maskRejects     objects rejected at the masks stage
 * @param texts           rows of the texts table
 * @param vocabulary      rows of the vocabulary table
 */
public record PartitionCounts(long manifestLines, long manifestRejects, long objects, long textsExpected,
                              long images, long imageRejects, long masks, long maskRejects, long texts,
                              long vocabulary) implements Serializable {

    /** Lines the manifest reader accepted. */
    public long acceptedImages() {
        return manifestLines - manifestRejects;
    }

    /** All rejects rows. */
    public long rejects() {
        return manifestRejects + imageRejects + maskRejects;
    }

    /** Images lost (manifest and images stage) over manifest lines; 0 for an empty manifest. */
    public double imageRejectFraction() {
        return manifestLines == 0 ? 0 : (double) (manifestRejects + imageRejects) / manifestLines;
    }

    /** Objects lost at the masks stage over objects of accepted lines; 0 when there are none. */
    public double maskRejectFraction() {
        return objects == 0 ? 0 : (double) maskRejects / objects;
    }

    /** The ways these counts fail to add up to the manifest (empty when they do). */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        if (images + imageRejects != acceptedImages()) {
            out.add("images " + images + " + image rejects " + imageRejects + " != accepted manifest lines "
                    + acceptedImages());
        }
        if (masks + maskRejects != objects) {
            out.add("masks " + masks + " + mask rejects " + maskRejects + " != objects " + objects);
        }
        if (texts != textsExpected) {
            out.add("texts " + texts + " != texts of accepted lines " + textsExpected);
        }
        return out;
    }

    /** As a JSON-ready map with snake_case keys. */
    public Map<String, Long> toMap() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("manifest_lines", manifestLines);
        m.put("manifest_rejects", manifestRejects);
        m.put("objects", objects);
        m.put("texts_expected", textsExpected);
        m.put("images", images);
        m.put("image_rejects", imageRejects);
        m.put("masks", masks);
        m.put("mask_rejects", maskRejects);
        m.put("texts", texts);
        m.put("vocabulary", vocabulary);
        return m;
    }

    /**
     * Reads {@link #toMap()}.
     *
     * @param where the source, for messages
     */
    public static PartitionCounts fromMap(Map<String, Long> m, String where) {
        long[] v = new long[10];
        String[] keys = {"manifest_lines", "manifest_rejects", "objects", "texts_expected", "images",
            "image_rejects", "masks", "mask_rejects", "texts", "vocabulary"};
        for (int i = 0; i < keys.length; i++) {
            Long x = m.get(keys[i]);
            if (x == null || x < 0) {
                throw new IllegalArgumentException(where + ": counts." + keys[i] + " is missing or negative");
            }
            v[i] = x;
        }
        return new PartitionCounts(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9]);
    }
}
