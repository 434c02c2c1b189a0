package org.genmask.jobs.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command {@code bin/spark-submit} would run, built by Spark's own launcher
 * ({@code org.apache.spark.launcher.Main}, as {@code bin/spark-class} does) from the distribution that
 * {@code ci/spark-dist} assembles: the driver JVM gets the memory and {@code spark.driver.extraJavaOptions} of
 * {@code --properties-file}, exactly as for a user.
 */
public final class SparkSubmitCommand {

    private SparkSubmitCommand() {
    }

    /** The driver command for {@code spark-submit submitArgs...}. */
    public static List<String> of(Path sparkHome, List<String> submitArgs) throws IOException, InterruptedException {
        if (!Files.isDirectory(sparkHome.resolve("jars"))) {
            throw new IllegalStateException(sparkHome + "/jars is missing: run mvn -f ci/spark-dist/pom.xml package");
        }
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx128m", "-cp", sparkHome.resolve("jars") + "/*", "org.apache.spark.launcher.Main",
                "org.apache.spark.deploy.SparkSubmit"));
        cmd.addAll(submitArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("SPARK_HOME", sparkHome.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.12");
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("Spark's launcher refused " + submitArgs + " (exit " + p.exitValue() + ")");
        }
        List<String> command = new ArrayList<>();
        // NUL-separated arguments; the launcher starts its output with a line break
        for (String raw : new String(out, StandardCharsets.UTF_8).split("\0")) {
            String arg = raw.replaceAll("^[\r\n]+|[\r\n]+$", "");
            if (!arg.isEmpty()) {
                command.add(arg);
            }
        }
        return command;
    }
}
