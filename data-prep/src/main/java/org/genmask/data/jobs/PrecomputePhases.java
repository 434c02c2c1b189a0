package org.genmask.data.jobs;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.ToLongFunction;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.LongAccumulator;
import org.genmask.data.latents.LatentPartition;
import org.genmask.data.latents.LatentTable;
import org.genmask.data.latents.RejectRow;
import org.genmask.data.latents.TextRow;
import org.genmask.data.latents.VocabularyEntry;
import org.genmask.data.manifest.ManifestRecord;
import org.genmask.data.text.Vocabulary;

/**
 * The phases of a precomputation, each skipped when its output is already a committed table of this partition
 * (same cache key, same manifest): manifest rejects, vocabulary, texts, then images and masks chunk by chunk.
 */
final class PrecomputePhases {

    /** What one encoding stage did in this run: inputs processed, chunks, chunks skipped, wall seconds. */
    record StageRun(long encoded, int chunks, int chunksSkipped, double seconds) {
    }

    private final JavaSparkContext jsc;
    private final PrecomputeConfig cfg;
    private final PartitionWriter writer;
    private final StageContext ctx;
    private final ManifestSnapshot manifest;
    private final PrintStream out;

    PrecomputePhases(JavaSparkContext jsc, PrecomputeConfig cfg, PartitionWriter writer, StageContext ctx,
                     ManifestSnapshot manifest, PrintStream out) {
        this.jsc = jsc;
        this.cfg = cfg;
        this.writer = writer;
        this.ctx = ctx;
        this.manifest = manifest;
        this.out = out;
    }

    private LatentPartition partition() {
        return writer.partition();
    }

    /** The manifest's rejected lines (cheap: always rewritten). */
    void manifestRejects() {
        writer.write(manifest.rejects().stream().map(RejectRow::toRow).toList(), LatentTable.REJECTS,
                partition().rejects(RejectRow.MANIFEST));
    }

    /** The vocabulary table and its JSON copy (cheap: always rewritten). */
    void vocabulary(Vocabulary vocabulary) throws IOException {
        writer.write(VocabularyEntry.rows(vocabulary), LatentTable.VOCABULARY,
                partition().table(LatentTable.VOCABULARY));
        writer.writeText(partition().vocabularyJson(), vocabulary.toJson());
    }

    /** Every caption and expression of the accepted images, tokenized (cheap: always rewritten). */
    void texts(Vocabulary vocabulary) {
        String dir = partition().table(LatentTable.TEXTS);
        List<ManifestRecord> accepted = manifest.accepted();
        JavaRDD<Row> rows = jsc.parallelize(accepted, slices(accepted.size()))
                .flatMap(r -> TextRow.of(r.image(), vocabulary).stream().map(TextRow::toRow).iterator());
        writer.write(rows, LatentTable.TEXTS, dir);
    }

    /** The images stage, chunk by chunk. */
    StageRun images() throws IOException {
        return encode("images", LatentTable.IMAGES, RejectRow.IMAGES, List::size,
                (progress, rejects) -> new ImageStage(ctx, progress, rejects));
    }

    /** The masks stage, chunk by chunk. */
    StageRun masks() throws IOException {
        return encode("masks", LatentTable.MASKS, RejectRow.MASKS,
                chunk -> chunk.stream().mapToLong(r -> r.image().objects().size()).sum(),
                (progress, rejects) -> new MaskStage(ctx, progress, rejects));
    }

    private StageRun encode(String unit, LatentTable table, String stage,
                            ToLongFunction<List<ManifestRecord>> units,
                            BiFunction<LongAccumulator, CollectionAccumulator<RejectRow>,
                                    FlatMapFunction<Iterator<ManifestRecord>, Row>> task) throws IOException {
        List<List<ManifestRecord>> chunks = manifest.chunks(cfg.chunkSize());
        writer.deleteChunksFrom(partition().table(table), chunks.size());
        writer.deleteChunksFrom(partition().rejects(stage), chunks.size());
        List<Integer> todo = new ArrayList<>();
        long total = 0;
        long skipped = 0;
        for (int k = 0; k < chunks.size(); k++) {
            long n = units.applyAsLong(chunks.get(k));
            total += n;
            if (writer.isComplete(partition().chunk(table, k), table)
                    && writer.isComplete(partition().rejectsChunk(stage, k), LatentTable.REJECTS)) {
                skipped += n;
            } else {
                todo.add(k);
            }
        }
        if (todo.size() < chunks.size()) {
            out.printf("precompute %s: %d of %d chunks already done by an earlier run, skipped%n", unit,
                    chunks.size() - todo.size(), chunks.size());
        }
        long encoded;
        long t0 = System.nanoTime();
        try (ProgressReporter progress = new ProgressReporter(jsc.sc(), "precompute", unit, total, skipped,
                cfg.progressIntervalS(), out)) {
            for (int k : todo) {
                List<ManifestRecord> chunk = chunks.get(k);
                CollectionAccumulator<RejectRow> rejects = jsc.sc().collectionAccumulator("genmask.rejects." + unit);
                JavaRDD<Row> rows = jsc.parallelize(chunk, slices(chunk.size()))
                        .mapPartitions(task.apply(progress.counter(), rejects));
                writer.write(rows, table, partition().chunk(table, k));
                writer.write(distinct(rejects.value()).stream().map(RejectRow::toRow).toList(), LatentTable.REJECTS,
                        partition().rejectsChunk(stage, k));
            }
            encoded = progress.done();
        }
        return new StageRun(encoded, chunks.size(), chunks.size() - todo.size(), (System.nanoTime() - t0) / 1e9);
    }

    /** Rejects in manifest order, one per (line, field): a retried task may report one twice. */
    private static List<RejectRow> distinct(List<RejectRow> rows) {
        Map<String, RejectRow> byKey = new LinkedHashMap<>();
        for (RejectRow r : rows) {
            byKey.putIfAbsent(r.line() + "\u0000" + r.field(), r);
        }
        List<RejectRow> out = new ArrayList<>(byKey.values());
        out.sort(Comparator.comparingLong(RejectRow::line).thenComparing(RejectRow::field));
        return out;
    }

    private int slices(int items) {
        int want = cfg.partitions() > 0 ? cfg.partitions() : 4 * jsc.defaultParallelism();
        return Math.max(1, Math.min(want, items));
    }
}
