package org.genmask.jobs.analysis;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes the analysis' output directory on any Hadoop file system: the charts {@value #PROBE_CHART} and
 * {@value #SPECTRUM_CHART} ({@link AnalysisCharts}), then {@value #JSON} (provenance header, the numbers of
 * {@link AnalysisJson}, and {@code charts}: the PNGs' names), written last: a directory without it is incomplete.
 */
public final class AnalysisWriter {
    /** The numbers. */
    public static final String JSON = "latent-analysis.json";
    /** Probe accuracy against the noise level. */
    public static final String PROBE_CHART = "probe-accuracy.png";
    /** Variance spectra. */
    public static final String SPECTRUM_CHART = "variance-spectrum.png";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AnalysisWriter() {
    }

    /** @return the JSON written */
    public static ObjectNode write(String outDir, Configuration hadoop, LatentAnalysis analysis, ObjectNode header)
            throws IOException {
        Path dir = new Path(outDir);
        FileSystem fs = dir.getFileSystem(hadoop);
        fs.delete(new Path(dir, JSON), false);
        fs.mkdirs(dir);
        bytes(fs, new Path(dir, PROBE_CHART), AnalysisCharts.probe(analysis));
        bytes(fs, new Path(dir, SPECTRUM_CHART), AnalysisCharts.spectrum(analysis));
        ObjectNode json = AnalysisJson.write(analysis, header);
        json.putObject("charts").put("probe", PROBE_CHART).put("spectrum", SPECTRUM_CHART);
        bytes(fs, new Path(dir, JSON), MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
        return json;
    }

    private static void bytes(FileSystem fs, Path file, byte[] data) throws IOException {
        try (OutputStream out = fs.create(file, true)) {
            out.write(data);
        }
    }
}
