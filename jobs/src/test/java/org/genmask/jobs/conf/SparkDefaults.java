package org.genmask.jobs.conf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code spark-defaults.conf}-format file as {@code spark-submit --properties-file} reads it: one property per line,
 * key and value separated by the first run of whitespace, {@code #} comments and blank lines ignored. A repeated key
 * or a key without a value is an error naming the file and line.
 */
public final class SparkDefaults {
    private final Path file;
    private final Map<String, String> values;

    private SparkDefaults(Path file, Map<String, String> values) {
        this.file = file;
        this.values = Collections.unmodifiableMap(values);
    }

    public static SparkDefaults read(Path file) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] kv = line.split("\\s+", 2);
            String where = file + " line " + (i + 1);
            if (kv.length < 2 || kv[1].isBlank()) {
                throw new IllegalArgumentException(where + ": '" + kv[0] + "' has no value");
            }
            if (values.put(kv[0], kv[1].strip()) != null) {
                throw new IllegalArgumentException(where + ": '" + kv[0] + "' is set twice");
            }
        }
        return new SparkDefaults(file, values);
    }

    public Path file() {
        return file;
    }

    public Map<String, String> values() {
        return values;
    }

    /** The value of {@code key}; an error naming the file when it is missing. */
    public String get(String key) {
        String v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException(file + ": '" + key + "' is not set");
        }
        return v;
    }

    /** The S3 part: every {@code spark.hadoop.fs.s3a.*} key and the keys that bind Spark's writers to committers. */
    public Map<String, String> s3() {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith("spark.hadoop.fs.s3a.") || k.startsWith("spark.hadoop.mapreduce.outputcommitter.")
                    || k.equals("spark.sql.sources.commitProtocolClass")
                    || k.equals("spark.sql.parquet.output.committer.class")
                    || k.equals("spark.sql.sources.partitionOverwriteMode")) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** A size with a unit ({@code 512m}, {@code 8g}, {@code 11G}) in MiB; the templates always write the unit. */
    public static long mebibytes(String size) {
        String s = size.strip().toLowerCase(java.util.Locale.ROOT);
        long n = Long.parseLong(s.substring(0, s.length() - 1));
        return switch (s.charAt(s.length() - 1)) {
            case 'm' -> n;
            case 'g' -> n * 1024;
            case 't' -> n * 1024 * 1024;
            default -> throw new IllegalArgumentException("size '" + size + "': expected a number with m, g or t");
        };
    }
}
