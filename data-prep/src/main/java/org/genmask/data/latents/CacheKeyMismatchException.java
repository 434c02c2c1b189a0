package org.genmask.data.latents;

/**
 * A latent partition or table written with a different {@link CacheKey} than the one expected (or than the rest of
 * its partition): the message names both keys and the fields that differ.
 */
public final class CacheKeyMismatchException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final CacheKey expected;
    private final CacheKey found;

    /**
     * @param expectedFrom what the expected key comes from
     * @param expected     the expected key
     * @param foundFrom    where the other key was read
     * @param found        the key read
     */
    public CacheKeyMismatchException(String expectedFrom, CacheKey expected, String foundFrom, CacheKey found) {
        super("latent cache key mismatch: " + foundFrom + " has key " + found.describe() + " but " + expectedFrom
                + " expects key " + expected.describe() + "; differing fields: "
                + String.join(", ", expected.differences(found)) + " (recompute the latents with this key, or read"
                + " the partition written with it)");
        this.expected = expected;
        this.found = found;
    }

    public CacheKey expected() {
        return expected;
    }

    public CacheKey found() {
        return found;
    }
}
