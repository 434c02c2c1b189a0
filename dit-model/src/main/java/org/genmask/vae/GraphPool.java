package org.genmask.vae;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Function;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Inference graphs of one model by input size, several per size: a SameDiff graph runs one call at a time, so each
 * concurrent caller (e.g. the task threads of a multi-core Spark executor) borrows its own graph, built on first
 * demand over the same weight arrays. At most as many graphs per size exist as calls ever ran at once.
 *
 * @param <K> the size key
 */
final class GraphPool<K> {
    private final Map<K, ConcurrentLinkedDeque<SameDiff>> idle = new ConcurrentHashMap<>();
    private final Function<K, SameDiff> build;

    GraphPool(Function<K, SameDiff> build) {
        this.build = build;
    }

    /** Runs {@code call} on a graph for {@code key} that no other thread uses meanwhile. */
    <R> R with(K key, Function<SameDiff, R> call) {
        ConcurrentLinkedDeque<SameDiff> free = idle.computeIfAbsent(key, k -> new ConcurrentLinkedDeque<>());
        SameDiff sd = free.pollFirst();
        if (sd == null) {
            sd = build.apply(key);
        }
        try {
            return call.apply(sd);
        } finally {
            free.offerFirst(sd);
        }
    }

    /** Graphs built so far, over all sizes. */
    int size() {
        return idle.values().stream().mapToInt(ConcurrentLinkedDeque::size).sum();
    }
}
