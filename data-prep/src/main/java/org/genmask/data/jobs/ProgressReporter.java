package org.genmask.data.jobs;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.util.LongAccumulator;
import scala.Tuple4;
import scala.collection.JavaConverters;

/**
 * Console progress of one distributed stage of a job:
 * {@code precompute images: 120/1000 processed (12.0%), 8.3 images/s, ETA 1m46s}, every few seconds and at the end.
 * Tasks count finished inputs in a {@link LongAccumulator} (add after each batch); the driver adds the values of
 * finished tasks to those that running tasks report with their executor heartbeats, so progress moves during long
 * tasks too. Used by the precomputation's encoding stages and by the sampling job.
 */
public final class ProgressReporter extends SparkListener implements AutoCloseable {

    private final SparkContext sc;
    private final String job;
    private final String unit;
    private final long total;
    private final long skipped;
    private final PrintStream out;
    private final LongAccumulator counter;
    private final Map<Long, Long> running = new ConcurrentHashMap<>();
    private final long startNanos = System.nanoTime();
    private final ScheduledExecutorService timer;

    /**
     * @param job       the job's word that starts every line, e.g. {@code precompute}
     * @param unit      what is counted, e.g. {@code images}
     * @param total     inputs of the stage, including those done by an earlier run
     * @param skipped   inputs done by an earlier run (not counted in the rate)
     * @param intervalS seconds between lines
     */
    public ProgressReporter(SparkContext sc, String job, String unit, long total, long skipped, double intervalS,
                            PrintStream out) {
        this.sc = sc;
        this.job = job;
        this.unit = unit;
        this.total = total;
        this.skipped = skipped;
        this.out = out;
        this.counter = sc.longAccumulator("genmask." + job + "." + unit);
        sc.addSparkListener(this);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "genmask-progress-" + unit);
            t.setDaemon(true);
            return t;
        });
        long ms = Math.max(100, Math.round(intervalS * 1000));
        timer.scheduleAtFixedRate(() -> out.println(line()), ms, ms, TimeUnit.MILLISECONDS);
    }

    /** The accumulator tasks add finished inputs to. */
    public LongAccumulator counter() {
        return counter;
    }

    /** Inputs done in this run so far (finished tasks plus running tasks' last heartbeat). */
    public long done() {
        long v = counter.value();
        for (long r : running.values()) {
            v += r;
        }
        return Math.min(v, total - skipped);
    }

    /** The progress line. */
    String line() {
        long now = done();
        double s = (System.nanoTime() - startNanos) / 1e9;
        double rate = s > 0 ? now / s : 0;
        long left = total - skipped - now;
        String eta = rate > 0 ? duration(left / rate) : "?";
        return String.format(Locale.ROOT, "%s %s: %d/%d processed (%.1f%%), %.2f %s/s, ETA %s", job, unit,
                skipped + now, total, total == 0 ? 100.0 : 100.0 * (skipped + now) / total, rate, unit, eta);
    }

    @Override
    public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
        for (Tuple4<Object, Object, Object, scala.collection.Seq<AccumulableInfo>> t
                : JavaConverters.seqAsJavaList(update.accumUpdates())) {
            for (AccumulableInfo info : JavaConverters.seqAsJavaList(t._4())) {
                if (info.id() == counter.id() && info.update().isDefined()
                        && info.update().get() instanceof Number n) {
                    running.put((Long) t._1(), n.longValue());
                }
            }
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        running.remove(end.taskInfo().taskId());
    }

    /** Stops the timer and prints the final line. */
    @Override
    public void close() {
        timer.shutdownNow();
        sc.removeSparkListener(this);
        running.clear();
        double s = (System.nanoTime() - startNanos) / 1e9;
        long now = done();
        out.println(String.format(Locale.ROOT, "%s %s: %d/%d done, %d processed in this run in %s (%.2f %s/s)",
                job, unit, skipped + now, total, now, duration(s), s > 0 ? now / s : 0, unit));
    }

    /** {@code 1h02m03s}, {@code 4m05s}, {@code 6s}. */
    static String duration(double seconds) {
        long t = Math.round(seconds);
        long h = t / 3600;
        long m = (t % 3600) / 60;
        long sec = t % 60;
        if (h > 0) {
            return String.format(Locale.ROOT, "%dh%02dm%02ds", h, m, sec);
        }
        return m > 0 ? String.format(Locale.ROOT, "%dm%02ds", m, sec) : sec + "s";
    }
}
