package org.genmask.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * A SameDiff listener that sums wall time per op type (the op's own execution, from just before to just after it) and
 * counts the bytes of the arrays the ops produce, to show where a graph's time goes. Single-threaded graphs only.
 * The time between ops (the session's scheduling, array allocation outside ops) is what the total step time minus
 * {@link #totalNanos()} leaves.
 */
public final class OpTimes extends BaseListener {
    /** The op types that are matrix products, forward and backward (summed apart in {@link #table}). */
    private static final List<String> MATRIX_PRODUCTS = List.of("matmul", "matmul_bp");

    private final Map<String, long[]> byType = new HashMap<>(); // type -> {count, nanos, output bytes}
    private long start;
    private boolean enabled = true;

    @Override
    public boolean isActive(Operation operation) {
        return enabled;
    }

    /** Stops or resumes recording (warm-up steps are left out this way). */
    public void enable(boolean on) {
        enabled = on;
    }

    @Override
    public void preOpExecution(SameDiff sd, At at, SameDiffOp op, OpContext opContext) {
        start = System.nanoTime();
    }

    @Override
    public void opExecution(SameDiff sd, At at, MultiDataSet batch, SameDiffOp op, OpContext opContext,
                            INDArray[] outputs) {
        long nanos = System.nanoTime() - start;
        long[] t = byType.computeIfAbsent(op.getOp().opName(), k -> new long[3]);
        t[0]++;
        t[1] += nanos;
        for (INDArray o : outputs) {
            if (o != null) {
                t[2] += o.length() * o.dataType().width();
            }
        }
    }

    /** Time inside ops, summed. */
    public long totalNanos() {
        return byType.values().stream().mapToLong(t -> t[1]).sum();
    }

    /** Op executions, summed. */
    public long totalCount() {
        return byType.values().stream().mapToLong(t -> t[0]).sum();
    }

    /** A table of op types by time, largest first, per recorded step. */
    public String table(int steps) {
        List<Map.Entry<String, long[]>> rows = new ArrayList<>(byType.entrySet());
        rows.sort((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]));
        double total = totalNanos();
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-28s %8s %10s %7s %12s%n", "op", "calls",
                "ms/step", "share", "MB out/step"));
        for (Map.Entry<String, long[]> e : rows) {
            long[] t = e.getValue();
            s.append(String.format(Locale.ROOT, "%-28s %8d %10.1f %6.1f%% %12.1f%n", e.getKey(), t[0] / steps,
                    t[1] / 1e6 / steps, 100 * t[1] / total, t[2] / 1e6 / steps));
        }
        s.append(String.format(Locale.ROOT, "%-28s %8d %10.1f%n", "all ops", totalCount() / steps,
                total / 1e6 / steps));
        double products = MATRIX_PRODUCTS.stream().map(byType::get).filter(t -> t != null).mapToLong(t -> t[1]).sum();
        s.append(String.format(Locale.ROOT, "matrix products %.1f ms/step (%s), all other ops %.1f ms/step%n",
                products / 1e6 / steps, String.join(", ", MATRIX_PRODUCTS), (total - products) / 1e6 / steps));
        return s.toString();
    }
}
