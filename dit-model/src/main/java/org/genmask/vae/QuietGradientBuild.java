package org.genmask.vae;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Runs SameDiff's gradient-graph construction with its unconditional {@code System.out} lines
 * ("Added differentiated op ...", one per op, printed by SameDiff 1.0.0-M2.1 itself, not via a logger) dropped.
 * Every other line passes through unchanged. Calls are serialised so the swap of {@code System.out} is restored
 * in order.
 */
final class QuietGradientBuild {
    private static final String NOISE = "Added differentiated op";

    private QuietGradientBuild() {
    }

    static synchronized void run(Runnable build) {
        PrintStream original = System.out;
        System.setOut(new PrintStream(new DroppingLines(original), true, StandardCharsets.UTF_8));
        try {
            build.run();
        } finally {
            System.out.flush();
            System.setOut(original);
        }
    }

    /** Buffers one line at a time and forwards it unless it starts with {@link #NOISE}. */
    private static final class DroppingLines extends OutputStream {
        private final PrintStream target;
        private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

        DroppingLines(PrintStream target) {
            this.target = target;
        }

        @Override
        public synchronized void write(int b) {
            line.write(b);
            if (b == '\n') {
                emit();
            }
        }

        @Override
        public synchronized void flush() {
            if (line.size() > 0) {
                emit();
            }
            target.flush();
        }

        private void emit() {
            String s = line.toString(StandardCharsets.UTF_8);
            line.reset();
            if (!s.startsWith(NOISE)) {
                target.print(s);
            }
        }
    }
}
