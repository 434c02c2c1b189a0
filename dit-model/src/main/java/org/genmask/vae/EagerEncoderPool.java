package org.genmask.vae;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.genmask.vae.eager.EagerEncoder;
import org.genmask.vae.eager.EncoderWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The eager encoder of one model and its workspaces. The encoder (a copy of the weights, read-only) is built on the
 * first eager call and shared by all threads; each concurrent call borrows a workspace (its buffers) that no other
 * thread uses meanwhile, as {@link GraphPool} lends graphs, so at most as many workspaces exist as calls ever ran at
 * once, and a thread that ends leaves nothing behind.
 */
final class EagerEncoderPool {
    private final Supplier<EagerEncoder> build;
    private final ConcurrentLinkedDeque<EncoderWorkspace> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger created = new AtomicInteger();
    private volatile EagerEncoder encoder;

    EagerEncoderPool(Supplier<EagerEncoder> build) {
        this.build = build;
    }

    /** Posterior moments {@code [N, 2L, h, w]} of images, on a workspace of this call's own. */
    INDArray moments(INDArray images) {
        EagerEncoder e = encoder();
        EncoderWorkspace ws = idle.pollFirst();
        if (ws == null) {
            ws = new EncoderWorkspace();
            created.incrementAndGet();
        }
        try {
            return e.encode(images, ws);
        } finally {
            idle.offerFirst(ws);
        }
    }

    private EagerEncoder encoder() {
        EagerEncoder e = encoder;
        if (e == null) {
            synchronized (this) {
                e = encoder;
                if (e == null) {
                    e = build.get();
                    encoder = e;
                }
            }
        }
        return e;
    }

    /** Workspaces created so far. */
    int size() {
        return created.get();
    }
}
