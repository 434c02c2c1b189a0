package org.genmask.jobs.sample;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes a sampling run's output directory on any Hadoop file system (local or {@code s3a://}):
 * <ul>
 *   <li>{@code images/NNNN.png}: one image per prompt, NNNN = the prompt's index;</li>
 *   <li>{@code grid.png}: all of them, row-major in prompt order ({@link SampleGrid});</li>
 *   <li>{@code samples.json}: the caller's header (checkpoint, round, weights, vocabulary, resolved config, ...), the
 *       grid's layout, and per prompt: index, prompt, file, seed, steps, cfg, token count, unknown words,
 *       truncation, grid row and column, and for a dataset caption its image id and caption index.</li>
 * </ul>
 * {@code samples.json} is written last: an output directory without it is incomplete. A rerun into the same
 * directory first deletes the previous {@code samples.json} and {@code images/}, so no stale image survives.
 */
public final class SampleWriter {
    public static final String SAMPLES = "samples.json";
    public static final String GRID = "grid.png";
    public static final String IMAGE_DIR = "images";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SampleWriter() {
    }

    /** The file of prompt {@code index}, relative to the output directory. */
    public static String file(int index) {
        return String.format(Locale.ROOT, "%s/%04d.png", IMAGE_DIR, index);
    }

    /**
     * @param prompts the prompts, in index order
     * @param images  their images, same order
     * @param header  fields put first in {@code samples.json}
     */
    static void write(String outDir, Configuration hadoop, List<SamplePrompt> prompts, List<GeneratedImage> images,
                      SampleJobConfig settings, ObjectNode header) throws IOException {
        Path dir = new Path(outDir);
        FileSystem fs = dir.getFileSystem(hadoop);
        fs.delete(new Path(dir, SAMPLES), false);
        fs.delete(new Path(dir, IMAGE_DIR), true);
        fs.mkdirs(new Path(dir, IMAGE_DIR));
        SampleGrid grid = SampleGrid.of(images.size(), images.get(0).width());
        ObjectNode root = header.deepCopy();
        ObjectNode g = root.putObject("grid");
        g.put("file", GRID).put("columns", grid.columns()).put("rows", grid.rows()).put("tile", grid.tile())
                .put("gap", SampleGrid.GAP);
        ArrayNode samples = root.putArray("samples");
        for (int i = 0; i < prompts.size(); i++) {
            SamplePrompt p = prompts.get(i);
            GeneratedImage image = images.get(i);
            if (image.index() != p.index() || p.index() != i) {
                throw new IllegalStateException("image " + image.index() + " at position " + i + " of prompt "
                        + p.index());
            }
            bytes(fs, new Path(dir, file(i)), image.png());
            ObjectNode o = samples.addObject();
            o.put("index", i).put("prompt", p.text()).put("file", file(i)).put("seed", settings.seed())
                    .put("steps", settings.steps()).put("cfg", settings.cfgScale()).put("tokens", p.length());
            ArrayNode unknown = o.putArray("unknown_words");
            p.unknownWords().forEach(unknown::add);
            o.put("truncated", p.truncated()).put("grid_row", grid.row(i)).put("grid_column", grid.column(i));
            if (p.imageId() != null) {
                o.put("image_id", p.imageId()).put("text_index", p.textIndex());
            }
        }
        bytes(fs, new Path(dir, GRID), grid.png(images));
        bytes(fs, new Path(dir, SAMPLES), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    }

    private static void bytes(FileSystem fs, Path file, byte[] data) throws IOException {
        try (OutputStream out = fs.create(file, true)) {
            out.write(data);
        }
    }
}
