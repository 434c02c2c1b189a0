package org.genmask.data.jobs;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.genmask.data.latents.CacheKey;
import org.genmask.data.latents.LatentPartition;
import org.genmask.data.latents.PartitionCounts;

/**
 * What a precomputation run did: the partition, its verified counts, the rejects by kind, whether the run found the
 * partition already complete, and whether the reject threshold was crossed (the job then exits non-zero).
 *
 * @param partition         the partition written (or found complete)
 * @param key               its cache key
 * @param counts            its verified row counts
 * @param rejectsByProblem  rejects rows per problem kind
 * @param noOp              true when the partition was already complete and nothing was written
 * @param imagesEncoded     images processed by this run (0 when skipped)
 * @param masksEncoded      masks processed by this run
 * @param chunksSkipped     image and mask chunks an earlier run had finished
 * @param imageSeconds      wall time of the images stage in this run
 * @param maskSeconds       wall time of the masks stage in this run
 * @param seconds           wall time of the run
 * @param maxRejectFraction the configured threshold
 */
public record PrecomputeSummary(LatentPartition partition, CacheKey key, PartitionCounts counts,
                                Map<String, Long> rejectsByProblem, boolean noOp, long imagesEncoded,
                                long masksEncoded, int chunksSkipped, double imageSeconds, double maskSeconds,
                                double seconds, double maxRejectFraction) {

    /** Copies the map. */
    public PrecomputeSummary {
        rejectsByProblem = Map.copyOf(rejectsByProblem);
    }

    /** Whether the share of rejected images or of rejected objects exceeds the threshold. */
    public boolean thresholdCrossed() {
        return counts.imageRejectFraction() > maxRejectFraction || counts.maskRejectFraction() > maxRejectFraction;
    }

    private static double rate(long n, double s) {
        return s > 0 ? n / s : 0;
    }

    /** The console summary. */
    public String render() {
        StringBuilder s = new StringBuilder();
        s.append(noOp ? "precompute: partition already complete, nothing to do\n" : "precompute: done\n");
        s.append("  partition   ").append(partition.path()).append('\n');
        s.append("  cache key   ").append(key.describe()).append('\n');
        s.append(String.format(Locale.ROOT, "  manifest    %d lines, %d rejected; %d objects, %d texts%n",
                counts.manifestLines(), counts.manifestRejects(), counts.objects(), counts.textsExpected()));
        s.append(String.format(Locale.ROOT, "  images      %d stored, %d rejected%n", counts.images(),
                counts.imageRejects()));
        s.append(String.format(Locale.ROOT, "  masks       %d stored, %d rejected%n", counts.masks(),
                counts.maskRejects()));
        s.append(String.format(Locale.ROOT, "  texts       %d stored; vocabulary %d words%n", counts.texts(),
                counts.vocabulary()));
        s.append("  rejects     ").append(rejectsByProblem.isEmpty() ? "none" : new TreeMap<>(rejectsByProblem))
                .append('\n');
        s.append(String.format(Locale.ROOT, "  this run    %d images (%.2f/s) and %d masks (%.2f/s) processed, "
                + "%d chunks resumed, %s in all%n", imagesEncoded, rate(imagesEncoded, imageSeconds), masksEncoded,
                rate(masksEncoded, maskSeconds), chunksSkipped, ProgressReporter.duration(seconds)));
        s.append(String.format(Locale.ROOT, "  rejected    %.2f%% of images, %.2f%% of objects (threshold %.2f%%)%s",
                100 * counts.imageRejectFraction(), 100 * counts.maskRejectFraction(), 100 * maxRejectFraction,
                thresholdCrossed() ? ": THRESHOLD CROSSED" : ""));
        return s.toString();
    }
}
