package org.genmask.jobs.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a report is made from; every part is optional (null or empty), and a section appears only when its input
 * exists.
 *
 * @param runDir         a training run directory ({@code metrics.jsonl}, {@code ckpt-NNNNNN/state.json}), or null
 * @param evalDirs       evaluation output directories ({@code metrics.json} each; several rounds give the
 *                       cIoU/gIoU-over-rounds chart)
 * @param latentAnalysis a {@code LatentAnalysisJob} output directory ({@code latent-analysis.json}), or null
 * @param ablation       an {@code AblationJob} output directory ({@code ablation.json}), or null
 * @param samples        a {@code SampleJob} output directory ({@code samples.json}, {@code grid.png}), or null
 * @param origins        for a directory staged from a remote file system, the location the user named
 *                       ({@code s3a://...}), shown in the report instead of the local copy's path
 */
public record ReportInputs(Path runDir, List<Path> evalDirs, Path latentAnalysis, Path ablation, Path samples,
                           Map<Path, String> origins) {

    /** Copies the list and the map (null: empty). */
    public ReportInputs {
        evalDirs = evalDirs == null ? List.of() : List.copyOf(evalDirs);
        origins = origins == null ? Map.of() : Map.copyOf(origins);
    }

    /** Inputs that are all local directories. */
    public ReportInputs(Path runDir, List<Path> evalDirs, Path latentAnalysis, Path ablation, Path samples) {
        this(runDir, evalDirs, latentAnalysis, ablation, samples, Map.of());
    }

    /** How the report names a directory: the location the user gave. */
    public String label(Path dir) {
        return origins.getOrDefault(dir, dir.toString());
    }

    /** Whether no input is named at all. */
    public boolean isEmpty() {
        return runDir == null && evalDirs.isEmpty() && latentAnalysis == null && ablation == null && samples == null;
    }
}
