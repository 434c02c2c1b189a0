package org.genmask.jobs.analysis;

/**
 * The mask-latent analysis of one {@link LatentSamples}: mask latents against image latents, with the same masks as
 * labels for both.
 * <ul>
 *   <li>per-channel mean and standard deviation ({@link ChannelStatistics});</li>
 *   <li>the variance spectrum of the per-pixel latent vectors, PC-1's share, and the IoU of the thresholded PC-1 map
 *       with the masks, sign chosen by the better IoU ({@link PcaAnalysis});</li>
 *   <li>a held-out linear probe of foreground vs background on {@code x_s = (1 - s) x0 + s eps} per noise level
 *       ({@link ProbeCurve}: even maps train, odd maps score; the same seeded eps for masks and images).</li>
 * </ul>
 * Deterministic: the same samples and settings give the same numbers, bit for bit.
 *
 * @param samples       the maps analysed (N)
 * @param foreground    share of foreground positions in the labels
 * @param settings      levels, seed and probe fit
 * @param maskChannels  per-channel statistics of the mask latents
 * @param imageChannels per-channel statistics of the image latents
 * @param maskPca       principal components of the mask latents
 * @param imagePca      principal components of the image latents
 * @param maskProbe     probe curve on the mask latents
 * @param imageProbe    probe curve on the image latents
 */
public record LatentAnalysis(int samples, double foreground, AnalysisSettings settings,
                             ChannelStatistics maskChannels, ChannelStatistics imageChannels, PcaAnalysis maskPca,
                             PcaAnalysis imagePca, ProbeCurve maskProbe, ProbeCurve imageProbe) {

    /** Runs every measurement. */
    public static LatentAnalysis run(LatentSamples s, AnalysisSettings settings) {
        double[] levels = settings.levels();
        return new LatentAnalysis(s.count(), s.foregroundShare(), settings,
                ChannelStatistics.of(s.maskLatents()), ChannelStatistics.of(s.imageLatents()),
                PcaAnalysis.of(s.maskLatents(), s.labels()), PcaAnalysis.of(s.imageLatents(), s.labels()),
                ProbeCurve.measure(s.maskLatents(), s.labels(), levels, settings.seed(), settings.probeSteps(),
                        settings.probeLearningRate()),
                ProbeCurve.measure(s.imageLatents(), s.labels(), levels, settings.seed(), settings.probeSteps(),
                        settings.probeLearningRate()));
    }
}
