package org.genmask.jobs.s3;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.genmask.jobs.conf.SparkDefaults;

/**
 * The Spark settings the S3 integration tests run with: the S3 part of {@code conf/spark/cpu-cluster.conf} as
 * shipped (credential providers, committer), with the placeholders filled in for the loopback S3Proxy and the
 * test-only settings that server needs. No credential is ever among them.
 */
final class S3TestConf {
    static final Path REPO = Path.of(System.getProperty("genmask.repo", "..")).toAbsolutePath().normalize();

    private S3TestConf() {
    }

    /** The template's S3 settings, pointed at {@code endpoint}. */
    static Map<String, String> s3(String endpoint) throws IOException {
        Map<String, String> c = new LinkedHashMap<>(
                SparkDefaults.read(REPO.resolve("conf/spark/cpu-cluster.conf")).s3());
        c.put("spark.hadoop.fs.s3a.endpoint", endpoint);
        c.put("spark.hadoop.fs.s3a.endpoint.region", "us-east-1");
        c.put("spark.hadoop.fs.s3a.connection.ssl.enabled", "false");
        // S3Proxy answers a multipart COPY (a rename of a large object) with a null CopyPartResult unless S3A checks
        // versions on the client side (docs/operations.md)
        c.put("spark.hadoop.fs.s3a.change.detection.mode", "client");
        c.put("spark.hadoop.fs.s3a.attempts.maximum", "2");
        c.put("spark.hadoop.fs.s3a.retry.limit", "2");
        return c;
    }

    /**
     * {@code conf/spark/local.conf} plus {@code extra}, the driver logging through {@code log4j}, written as a
     * properties file for spark-submit.
     */
    static Path localPropertiesFile(Path file, Map<String, String> extra, Path log4j) throws IOException {
        Map<String, String> all = new LinkedHashMap<>(
                SparkDefaults.read(REPO.resolve("conf/spark/local.conf")).values());
        String driver = all.get("spark.driver.extraJavaOptions");
        if (driver == null || !driver.contains("-Dlog4j2.configurationFile=")) {
            throw new IllegalStateException("conf/spark/local.conf: spark.driver.extraJavaOptions sets no"
                    + " -Dlog4j2.configurationFile");
        }
        all.put("spark.driver.extraJavaOptions", driver.replaceAll("-Dlog4j2\\.configurationFile=\\S+",
                "-Dlog4j2.configurationFile=" + log4j));
        all.putAll(extra);
        return write(file, "conf/spark/local.conf + S3", all);
    }

    /**
     * {@code conf/spark/cpu-cluster.conf} with its S3 part pointed at {@code endpoint}, then {@code extra} (sizes for
     * this machine), written as a properties file for spark-submit.
     */
    static Path clusterPropertiesFile(Path file, String endpoint, Map<String, String> extra) throws IOException {
        Map<String, String> all = new LinkedHashMap<>(
                SparkDefaults.read(REPO.resolve("conf/spark/cpu-cluster.conf")).values());
        all.putAll(s3(endpoint));
        all.putAll(extra);
        return write(file, "conf/spark/cpu-cluster.conf, sized for this machine", all);
    }

    private static Path write(Path file, String what, Map<String, String> values) throws IOException {
        StringBuilder text = new StringBuilder("# written by the S3 integration tests: " + what + "\n");
        values.forEach((k, v) -> text.append(k).append(' ').append(v).append('\n'));
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }
}
