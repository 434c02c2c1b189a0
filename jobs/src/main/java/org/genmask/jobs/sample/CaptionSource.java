package org.genmask.jobs.sample;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.genmask.data.latents.LatentDataset;
import org.genmask.data.latents.LatentSource;
import org.genmask.data.latents.LatentTable;
import org.genmask.data.latents.TextRow;
import org.genmask.data.manifest.Split;
import org.genmask.data.text.TextEncoder;

/**
 * The captions of one split of a latent partition as prompts ({@code captions=PATH[?split=val&key=ID]}): read from
 * the partition's {@code texts} table through {@link LatentDataset} (which refuses an incomplete partition or one
 * with another cache key), the first {@code count} by (image id, caption index).
 *
 * @param dataset the opened partition
 * @param split   the split whose captions are used (default {@code val})
 */
record CaptionSource(LatentDataset dataset, Split split) {

    /** Opens the partition named by the {@code captions} value. */
    static CaptionSource open(SparkSession spark, String value) throws IOException {
        try {
            LatentSource source = LatentSource.parse(value);
            for (String option : source.options().keySet()) {
                if (!option.equals("split") && !option.equals("key")) {
                    throw new IllegalArgumentException("option '" + option + "' does not apply to captions (use "
                            + "split and key)");
                }
            }
            Split split;
            try {
                split = Split.fromJson(source.options().getOrDefault("split", "val"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("option 'split': " + e.getMessage());
            }
            return new CaptionSource(LatentDataset.open(spark, source), split);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IllegalArgumentException("config key 'captions': " + e.getMessage(), e);
        }
    }

    /** The first {@code count} captions of the split, tokenized with {@code encoder}. */
    List<SamplePrompt> prompts(int count, TextEncoder encoder) {
        List<Row> rows = dataset.table(LatentTable.TEXTS)
                .filter(col("kind").equalTo(TextRow.CAPTION).and(col("split").equalTo(split.jsonName())))
                .select("image_id", "text_index", "text").orderBy("image_id", "text_index").limit(count)
                .collectAsList();
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("config key 'captions': " + dataset.partition() + " has no captions "
                    + "in split " + split.jsonName());
        }
        List<SamplePrompt> out = new ArrayList<>();
        for (Row r : rows) {
            String imageId = r.getString(0);
            int textIndex = r.getInt(1);
            out.add(SamplePrompt.encode(out.size(), r.getString(2), encoder, imageId, textIndex,
                    "config key 'captions': caption " + textIndex + " of image " + imageId));
        }
        return out;
    }

    /** Provenance for samples.json: partition, cache key id, split. */
    void describe(ObjectNode into) {
        into.put("partition", dataset.partition().path()).put("cache_key", dataset.cacheKey().id())
                .put("split", split.jsonName());
    }
}
