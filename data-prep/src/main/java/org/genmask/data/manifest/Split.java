package org.genmask.data.manifest;

import java.util.Locale;

/** The split an image belongs to; written in {@code manifest.jsonl} as {@code train}, {@code val} or {@code test}. */
public enum Split {
    TRAIN, VAL, TEST;

    /** The manifest spelling: {@code train}, {@code val} or {@code test}. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The split with this manifest spelling (exact, lower case).
     *
     * @throws IllegalArgumentException naming the valid spellings
     */
    public static Split fromJson(String name) {
        for (Split s : values()) {
            if (s.jsonName().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("must be \"train\", \"val\" or \"test\", got \"" + name + "\"");
    }
}
