package org.genmask.data.jobs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A lazy iterator that pulls its source in batches and hands each batch to a function, so a Spark partition is
 * processed batch by batch with bounded memory.
 *
 * @param <I> source elements
 * @param <O> results
 */
final class Batches<I, O> implements Iterator<O> {

    /** Turns one batch of inputs into any number of results. */
    interface Step<I, O> {
        List<O> apply(List<I> batch) throws Exception;
    }

    private final Iterator<I> source;
    private final int size;
    private final Step<I, O> step;
    private final Deque<O> ready = new ArrayDeque<>();

    Batches(Iterator<I> source, int size, Step<I, O> step) {
        if (size < 1) {
            throw new IllegalArgumentException("batch size must be positive, got " + size);
        }
        this.source = source;
        this.size = size;
        this.step = step;
    }

    @Override
    public boolean hasNext() {
        while (ready.isEmpty() && source.hasNext()) {
            List<I> batch = new ArrayList<>(size);
            while (batch.size() < size && source.hasNext()) {
                batch.add(source.next());
            }
            try {
                ready.addAll(step.apply(batch));
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        return !ready.isEmpty();
    }

    @Override
    public O next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll();
    }
}
