package org.genmask.data;

import java.io.Serializable;

/**
 * A path inside a dataset root, as written in {@code manifest.jsonl}: forward slashes, non-empty segments, no
 * {@code .} or {@code ..} segment, no leading slash, no scheme or drive ({@code :}) and no backslash. Such a path
 * can never name a file outside its root, and it resolves the same way against a local root
 * ({@code file:///data/synthetic}) and an object-store root ({@code s3a://bucket/datasets/synthetic}).
 *
 * @param value the path, e.g. {@code images/000001.png}
 */
public record RelativePath(String value) implements Serializable {

    /** Validates the path; the message says what is wrong and quotes the path. */
    public RelativePath {
        String problem = problem(value);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /**
     * Why {@code value} is not a valid relative path, or null when it is.
     *
     * @param value a candidate path (may be null)
     * @return a one-line reason that quotes the path, or null
     */
    public static String problem(String value) {
        if (value == null || value.isEmpty()) {
            return "empty path";
        }
        if (value.startsWith("/")) {
            return "absolute path not allowed: " + value;
        }
        if (value.indexOf(':') >= 0) {
            return "absolute path (scheme or drive) not allowed: " + value;
        }
        if (value.indexOf('\\') >= 0) {
            return "backslash not allowed (use /): " + value;
        }
        for (String segment : value.split("/", -1)) {
            if (segment.equals("..")) {
                return "path escapes the dataset root (..): " + value;
            }
            if (segment.isEmpty() || segment.equals(".")) {
                return "empty or '.' path segment: " + value;
            }
            for (int i = 0; i < segment.length(); i++) {
                if (Character.isISOControl(segment.charAt(i))) {
                    return "control character in path: " + value;
                }
            }
        }
        return null;
    }

    /**
     * This path resolved against a root URI string: the root without its trailing slashes, a slash, the path.
     *
     * @param rootUri e.g. {@code s3a://bucket/data/synthetic/} or {@code file:///tmp/ds}
     * @return e.g. {@code s3a://bucket/data/synthetic/images/000001.png}
     */
    public String resolveAgainst(String rootUri) {
        if (rootUri == null || rootUri.isEmpty()) {
            throw new IllegalArgumentException("empty dataset root for " + value);
        }
        int end = rootUri.length();
        while (end > 0 && rootUri.charAt(end - 1) == '/') {
            end--;
        }
        return rootUri.substring(0, end) + "/" + value;
    }

    /** The last segment, e.g. {@code 000001.png}. */
    public String fileName() {
        return value.substring(value.lastIndexOf('/') + 1);
    }

    @Override
    public String toString() {
        return value;
    }
}
