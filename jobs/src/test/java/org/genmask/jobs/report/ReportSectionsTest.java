package org.genmask.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.hadoop.conf.Configuration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.genmask.jobs.config.JobConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's sections for samples, latent analysis, ablation and rounds: present exactly when their input is. */
class ReportSectionsTest {
    private static final Pattern REFERENCE = Pattern.compile("(?i)(src|href)\\s*=\\s*\"([^\"]*)\"");
    private static final List<String> SECTIONS = List.of("<h2>Text to image samples</h2>",
            "<h2>Mask-latent analysis</h2>", "<h2>Ablation</h2>", "alt=\"Single-step cIoU and gIoU over rounds\"");
    @TempDir
    Path dir;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    private String report(Map<String, String> keys) throws Exception {
        return Files.readString(Path.of(ReportJob.run(new Configuration(),
                JobConfig.of(ReportJob.defaults(), keys))));
    }

    /** Every picture is a data: URI, and nothing else is referenced (no link, script, stylesheet or URL). */
    private static int selfContained(String html) {
        int pictures = 0;
        Matcher m = REFERENCE.matcher(html);
        while (m.find()) {
            assertEquals("src", m.group(1), "no links: " + m.group());
            assertTrue(m.group(2).startsWith("data:image/png;base64,"), "external reference: " + m.group(2));
            pictures++;
        }
        for (String s : List.of("http://", "https://", "<link", "<script", "url(", "file:")) {
            assertFalse(html.contains(s), "no external reference: " + s);
        }
        return pictures;
    }

    @Test
    void eachNewSectionAppearsWhenItsInputExists() throws Exception {
        Path e1 = ReportInputsFixtures.eval(dir.resolve("eval-r1"), 1, 0.25);
        Path e2 = ReportInputsFixtures.eval(dir.resolve("eval-r3"), 3, 0.5);
        Path samples = ReportInputsFixtures.samples(dir.resolve("samples"));
        Path analysis = ReportInputsFixtures.analysis(dir.resolve("analysis"));
        Path ablation = ReportInputsFixtures.ablation(dir.resolve("ablation"));
        String html = report(Map.of("eval_dirs", e1 + "," + e2, "samples", samples.toString(), "latent_analysis",
                analysis.toString(), "ablation", ablation.toString(), "out", dir.resolve("r.html").toString()));
        for (String s : SECTIONS) {
            assertTrue(html.contains(s), "missing: " + s);
        }
        for (String s : List.of("<h2>Inputs</h2>", "found samples.json", "found latent-analysis.json",
                "found ablation.json", "chart of rounds 1, 3", "a red &lt;circle&gt;", "zorgle",
                "alt=\"text to image samples grid\"", "fixture &lt;labels&gt;", "Per-channel statistics",
                "alt=\"Variance spectrum of the per-pixel latent vectors\"",
                "alt=\"Linear probe accuracy against the noise level\"", "genmask-a0.05", "<td>0.7000</td>",
                "seg_sampler=uniform", "alt=\"Ablation: cIoU per arm\"")) {
            assertTrue(html.contains(s), "missing: " + s);
        }
        assertFalse(html.contains("<circle>"));
        // grid, spectrum, probe and ablation charts, the over-rounds chart
        assertEquals(5, selfContained(html));
    }

    @Test
    void sectionsAreAbsentWhenTheirInputIsAbsentAndTheInputsTableSaysSo() throws Exception {
        Path e = ReportInputsFixtures.eval(dir.resolve("eval"), 2, 0.5);
        Path empty = Files.createDirectories(dir.resolve("empty"));
        String html = report(Map.of("eval_dirs", e.toString(), "samples", empty.toString(), "latent_analysis",
                empty.resolve("missing").toString(), "out", dir.resolve("r.html").toString()));
        for (String s : SECTIONS) {
            assertFalse(html.contains(s), "present without input: " + s);
        }
        for (String s : List.of("not found: no samples.json there", "not found: no latent-analysis.json there",
                "<td>ablation</td><td>ablation</td><td>-</td><td>not given</td>",
                "no chart: needs evaluations of at least 2 rounds", "<h2>Evaluation</h2>")) {
            assertTrue(html.contains(s), "missing: " + s);
        }
        assertEquals(0, selfContained(html));
    }

    @Test
    void anyOneInputIsEnoughAndNoneIsNothingToReport() throws Exception {
        Path ablation = ReportInputsFixtures.ablation(dir.resolve("ablation"));
        String html = report(Map.of("ablation", ablation.toString()));
        assertTrue(html.contains("<h2>Ablation</h2>"));
        assertTrue(Files.exists(ablation.resolve("report.html")), "out defaults to the input's directory");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> report(Map.of("samples", empty.toString())));
        assertTrue(none.getMessage().startsWith("nothing to report"), none.getMessage());
        IllegalArgumentException keys = assertThrows(IllegalArgumentException.class, () -> report(Map.of()));
        assertTrue(keys.getMessage().contains("all empty"), keys.getMessage());
    }

    @Test
    void aMalformedInputIsNamed() throws Exception {
        Path ablation = Files.createDirectories(dir.resolve("bad-ablation"));
        Files.writeString(ablation.resolve(AblationSection.FILE), "{\"arms\":[{\"name\":\"a\",\"metrics\":{}}]}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> report(Map.of("ablation", ablation.toString())));
        assertTrue(e.getMessage().contains("ablation.json: arms[0].metrics.ciou is missing"), e.getMessage());
        Path samples = Files.createDirectories(dir.resolve("bad-samples"));
        Files.writeString(samples.resolve("samples.json"), "{\"samples\": [");
        IllegalArgumentException s = assertThrows(IllegalArgumentException.class,
                () -> report(Map.of("samples", samples.toString())));
        assertTrue(s.getMessage().contains("samples.json: not valid JSON"), s.getMessage());
    }
}
