package org.genmask.samediff;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * SameDiff 1.0.0-M2.1 prints one {@code "Added differentiated op ..."} line to {@code System.out} for every op when it
 * builds a gradient graph (hundreds of lines, unconditionally, not through a logger). This runs such a build with
 * those lines filtered out; every other line still reaches standard output. A nested or concurrent use can at worst
 * leave the filter installed, which still passes everything else through.
 */
public final class QuietGradientBuild {
    private static final String NOISE = "Added differentiated op";
    private static final Object LOCK = new Object();

    private QuietGradientBuild() {
    }

    /** Runs {@code build} (typically {@code sd::createGradFunction}) with the noise lines filtered out. */
    public static void run(Runnable build) {
        synchronized (LOCK) {
            PrintStream original = System.out;
            System.setOut(new PrintStream(new LineFilter(original), true, StandardCharsets.UTF_8));
            try {
                build.run();
            } finally {
                System.out.flush();
                System.setOut(original);
            }
        }
    }

    /** Buffers a line, forwards it unless it is SameDiff's gradient noise. */
    private static final class LineFilter extends OutputStream {
        private final PrintStream target;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineFilter(PrintStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) {
            line.write(b);
            if (b == '\n') {
                flushLine();
            }
        }

        @Override
        public void flush() {
            if (line.size() > 0 && !line.toString(StandardCharsets.UTF_8).startsWith(NOISE)) {
                flushLine();
            }
            target.flush();
        }

        private void flushLine() {
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            if (!text.startsWith(NOISE)) {
                target.print(text);
            }
        }
    }
}
