package org.genmask.safetensors;

import java.io.IOException;
import java.nio.file.Path;

/** A safetensors file that is malformed, hostile, or does not hold what the caller expected. One-line messages. */
public final class SafetensorsFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public SafetensorsFormatException(String message) {
        super(message);
    }

    /** Message of the form {@code <file>: <what is wrong>}. */
    static SafetensorsFormatException of(Path file, String what) {
        return new SafetensorsFormatException(file + ": " + what);
    }

    /** Message of the form {@code <file>: tensor '<name>': <what is wrong>}. */
    static SafetensorsFormatException ofTensor(Path file, String tensor, String what) {
        return new SafetensorsFormatException(file + ": tensor '" + tensor + "': " + what);
    }
}
