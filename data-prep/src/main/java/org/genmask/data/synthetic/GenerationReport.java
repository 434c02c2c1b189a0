package org.genmask.data.synthetic;

/**
 * What a generator run wrote, and how fast.
 *
 * @param images          images written
 * @param objects         masks written
 * @param expressions     referring expressions written
 * @param train           images in the train split
 * @param val             images in the val split
 * @param test            images in the test split
 * @param vocabularyWords words in {@code vocabulary.json}
 * @param seconds         wall time
 */
public record GenerationReport(long images, long objects, long expressions, long train, long val, long test,
                               int vocabularyWords, double seconds) {

    /** Images written per second of wall time. */
    public double imagesPerSecond() {
        return seconds > 0 ? images / seconds : Double.POSITIVE_INFINITY;
    }

    /** A one-line summary. */
    public String summary() {
        return String.format(java.util.Locale.ROOT, "%d images (%d train, %d val, %d test), %d masks, %d expressions,"
                        + " %d vocabulary words in %.2f s (%.0f images/s)", images, train, val, test, objects,
                expressions, vocabularyWords, seconds, imagesPerSecond());
    }
}
