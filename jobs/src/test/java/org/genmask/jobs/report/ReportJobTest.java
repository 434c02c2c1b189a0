package org.genmask.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.hadoop.conf.Configuration;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.genmask.data.image.PngWriter;
import org.genmask.jobs.config.JobConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reports from a hand-made metrics.jsonl, checkpoint state and evaluation outputs. */
class ReportJobTest {
    private static final Pattern IMG = Pattern.compile("<img [^>]*src=\"([^\"]*)\"");
    @TempDir
    Path dir;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    private Path run() throws Exception {
        Path run = Files.createDirectories(dir.resolve("run"));
        StringBuilder lines = new StringBuilder();
        for (int r = 1; r <= 4; r++) {
            lines.append("{\"round\":").append(r).append(",\"step\":").append(4 * r)
                    .append(",\"samples_per_s\":").append(10 + r).append(",\"lr\":0.001")
                    .append(",\"loss\":{\"gen\":").append(1.0 / r).append(",\"seg\":").append(2.0 / r).append('}')
                    .append(",\"loss_per_bucket\":{\"gen\":{\"[0.40,0.50)\":").append(0.9 / r)
                    .append("},\"seg\":{\"[0.90,1.00]\":").append(1.5 / r)
                    .append(r == 2 ? "" : ",\"[0.80,0.90)\":" + 0.7 / r).append("}}}\n");
        }
        Files.writeString(run.resolve("metrics.jsonl"), lines);
        Path ckpt = Files.createDirectories(run.resolve("ckpt-000004"));
        Files.writeString(ckpt.resolve("state.json"),
                "{\"format\":1,\"round\":4,\"step\":16,\"config\":{\"model\":\"DiT-T/2\",\"rounds\":\"4\"}}");
        Files.createDirectories(run.resolve("ckpt-000002"));   // incomplete: no state.json
        return run;
    }

    private Path eval(String name, int round, double ciou, boolean euler) throws Exception {
        Path e = Files.createDirectories(dir.resolve(name).resolve("samples"));
        String precision = "{\"0.5\":0.8,\"0.6\":0.6,\"0.7\":0.6,\"0.8\":0.4,\"0.9\":0.4}";
        String metrics = "{\"round\":" + round + ",\"weights\":\"ema\",\"split\":\"test\","
                + "\"binarization\":\"mean over channels > 0\",\"empty_union_iou\":1.0,"
                + "\"one_step\":{\"samples\":5,\"ciou\":" + ciou + ",\"giou\":0.63,\"precision\":" + precision + "}"
                + (euler ? ",\"euler\":{\"samples\":5,\"ciou\":0.5,\"giou\":0.25,\"steps\":4,\"precision\":"
                        + precision + "}" : "") + "}";
        Files.writeString(e.getParent().resolve("metrics.json"), metrics);
        Files.write(e.resolve("000-image.png"), PngWriter.rgb(2, 2, new float[12]));
        Files.write(e.resolve("000-truth.png"), PngWriter.mask(3, 2, new boolean[] {true, false, true, false, true,
            false}));
        Files.write(e.resolve("000-prediction.png"), PngWriter.mask(3, 2, new boolean[6]));
        if (euler) {
            Files.write(e.resolve("000-euler.png"), PngWriter.mask(3, 2, new boolean[6]));
        }
        Files.writeString(e.getParent().resolve("samples.json"), "[{\"id\":\"a\",\"expression\":\"the <red> cube\","
                + "\"iou\":0.0,\"image\":\"samples/000-image.png\",\"truth\":\"samples/000-truth.png\","
                + "\"prediction\":\"samples/000-prediction.png\""
                + (euler ? ",\"euler\":\"samples/000-euler.png\",\"euler_iou\":0.5" : "") + "}]");
        return e.getParent();
    }

    private static List<BufferedImage> images(String html) throws Exception {
        List<BufferedImage> out = new ArrayList<>();
        Matcher m = IMG.matcher(html);
        while (m.find()) {
            String src = m.group(1);
            assertTrue(src.startsWith("data:image/png;base64,"), "external asset: " + src);
            byte[] png = Base64.getDecoder().decode(src.substring("data:image/png;base64,".length()));
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
            assertNotNull(img, "not a PNG");
            out.add(img);
        }
        return out;
    }

    @Test
    void fullReportHasEverySectionAndValidEmbeddedPngs() throws Exception {
        Path run = run();
        Path e1 = eval("eval-r2", 2, 0.25, false);
        Path e2 = eval("eval-r4", 4, 13.0 / 21, true);
        Path out = Path.of(ReportJob.run(new Configuration(),
                JobConfig.of(ReportJob.defaults(), Map.of("run_dir", run.toString(),
                "eval_dirs", e1 + "," + e2))));
        assertEquals(run.resolve("report.html"), out);
        String html = Files.readString(out);
        for (String s : List.of("<h2>Training</h2>", "4 rounds from metrics.jsonl", "alt=\"Loss per task\"",
                "alt=\"Loss per timestep bucket: gen\"", "alt=\"Loss per timestep bucket: seg\"", "alt=\"Throughput\"",
                "Newest checkpoint: ckpt-000004 (round 4, step 16)", "model = DiT-T/2", "<h2>Evaluation</h2>",
                "<td>0.6190</td>", "<td>0.2500</td>", "4 Euler steps", "Prec@0.9",
                "alt=\"Single-step cIoU and gIoU over rounds\"", "Samples (eval-r4)", "the &lt;red&gt; cube",
                "prediction (Euler)", "IoU 1.0")) {
            assertTrue(html.contains(s), "missing: " + s);
        }
        assertFalse(html.contains("<red>"));
        assertFalse(html.contains("http://") || html.contains("https://"), "no external references");
        List<BufferedImage> imgs = images(html);
        assertEquals(5 + 1 + 4, imgs.size());   // 5 training charts, 1 over-rounds chart, 4 sample pictures
        assertEquals(ChartImages.WIDTH, imgs.get(0).getWidth());
        assertEquals(ChartImages.HEIGHT, imgs.get(0).getHeight());
        assertEquals(3, imgs.get(imgs.size() - 3).getWidth());   // ground truth at its own size
        assertTrue(html.contains("<td>0.0000 / 0.5000</td>"));
    }

    @Test
    void onlySectionsWithDataAppear() throws Exception {
        Path e = eval("eval-only", -1, 0.5, false);
        Path out = Path.of(ReportJob.run(new Configuration(),
                JobConfig.of(ReportJob.defaults(), Map.of("eval_dirs", e.toString(),
                "out", dir.resolve("r/only.html").toString()))));
        String html = Files.readString(out);
        assertFalse(html.contains("Training"));
        assertFalse(html.contains("over rounds"));
        assertFalse(html.contains("Euler"));
        assertTrue(html.contains("<h2>Evaluation</h2>"));
        assertEquals(3, images(html).size());
    }

    @Test
    void nothingToReportAndBadLinesAreNamed() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> Path.of(ReportJob.run(new Configuration(),
                JobConfig.of(ReportJob.defaults(), Map.of("run_dir", empty.toString())))));
        assertTrue(none.getMessage().contains("nothing to report"), none.getMessage());
        Files.writeString(empty.resolve("metrics.jsonl"), "{\"round\":1}\n{\"loss\":{}}\n");
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> Path.of(ReportJob.run(new Configuration(),
                JobConfig.of(ReportJob.defaults(), Map.of("run_dir", empty.toString())))));
        assertTrue(bad.getMessage().contains("metrics.jsonl line 2") && bad.getMessage().contains("'round'"),
                bad.getMessage());
    }
}
