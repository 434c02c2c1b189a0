package org.genmask.jobs.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.genmask.jobs.sample.SampleWriter;

/** The report's text-to-image samples (the output of {@code SampleJob}): the grid and its prompts. */
final class SamplesSection {

    private SamplesSection() {
    }

    /** The input file of a samples directory. */
    static Path file(Path dir) {
        return dir.resolve(SampleWriter.SAMPLES);
    }

    static void add(HtmlPage page, Path dir) throws IOException {
        Path file = file(dir);
        JsonNode j = InputFiles.json(file);
        JsonNode samples = j.path("samples");
        if (!samples.isArray() || samples.isEmpty()) {
            throw new IllegalArgumentException(file + ": samples is missing or empty");
        }
        page.heading(2, "Text to image samples");
        page.paragraph(String.format(Locale.ROOT, "%d prompts, checkpoint %s (round %s, %s weights), %s Euler steps, "
                        + "guidance scale %s, seed %s.", samples.size(), j.path("checkpoint").asText("?"),
                j.path("round").asText("?"), j.path("weights").asText("?"), j.path("steps").asText("?"),
                j.path("cfg_scale").asText("?"), j.path("seed").asText("?")));
        String grid = j.path("grid").path("file").asText(SampleWriter.GRID);
        page.grid(InputFiles.inside(dir, grid, file), "text to image samples grid");
        page.note("The grid is row-major in prompt order (" + j.path("grid").path("columns").asText("?")
                + " columns).");
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode s : samples) {
            List<String> unknown = new ArrayList<>();
            s.path("unknown_words").forEach(w -> unknown.add(w.asText()));
            rows.add(List.of(s.path("index").asText(), s.path("grid_row").asText("?") + ", "
                    + s.path("grid_column").asText("?"), s.path("prompt").asText(), String.join(" ", unknown)
                    + (s.path("truncated").asBoolean() ? " (truncated)" : "")));
        }
        page.table(List.of("#", "grid row, column", "prompt", "unknown words"), rows);
    }
}
