package org.genmask.jobs.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Spark templates in {@code conf/spark/}: Java 17 flags equal to the pom's, every class they name on the class
 * path, the S3 part the same in every cluster template, no credential anywhere, memory limits that fit.
 */
class SparkConfTemplatesTest {
    static final Path REPO = Path.of(System.getProperty("genmask.repo", "..")).toAbsolutePath().normalize();
    static final Path SPARK_CONF = REPO.resolve("conf/spark");
    private static final List<String> TEMPLATES = List.of("local.conf", "cpu-cluster.conf", "gpu-cluster.conf");
    private static final List<String> CLUSTERS = List.of("cpu-cluster.conf", "gpu-cluster.conf");
    /** Keys whose values are left for the user to fill in. */
    static final Set<String> PLACEHOLDER_KEYS = Set.of("spark.hadoop.fs.s3a.endpoint",
            "spark.hadoop.fs.s3a.endpoint.region", "spark.executor.resource.gpu.discoveryScript");
    private static final Pattern CLASS_NAME = Pattern.compile("\\b(?:org|com)\\.[a-z0-9_.]+\\.[A-Z][A-Za-z0-9_$]*\\b");
    private static final Pattern AWS_KEY_ID = Pattern.compile("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b");

    static SparkDefaults template(String name) throws Exception {
        return SparkDefaults.read(SPARK_CONF.resolve(name));
    }

    @Test
    void javaOptionsCarryEveryFlagOfThePom() throws Exception {
        String opens = System.getProperty("genmask.java17.opens");
        assertTrue(opens != null && opens.contains("--add-opens"), "genmask.java17.opens is not passed by the pom");
        for (String name : TEMPLATES) {
            SparkDefaults d = template(name);
            for (String key : List.of("spark.driver.extraJavaOptions", "spark.executor.extraJavaOptions")) {
                List<String> have = Arrays.asList(d.get(key).split("\\s+"));
                for (String flag : opens.strip().split("\\s+")) {
                    assertTrue(have.contains(flag), name + ": " + key + " lacks " + flag + " (root pom java17.opens)");
                }
            }
        }
    }

    @Test
    void everyNamedClassIsOnTheClassPath() throws Exception {
        for (String name : TEMPLATES) {
            for (Map.Entry<String, String> e : template(name).values().entrySet()) {
                Matcher m = CLASS_NAME.matcher(e.getValue());
                while (m.find()) {
                    try {
                        Class.forName(m.group(), false, getClass().getClassLoader());
                    } catch (ClassNotFoundException x) {
                        fail(name + ": " + e.getKey() + " names " + m.group() + ", which is not on the class path");
                    }
                }
            }
        }
    }

    @Test
    void javaSerializerIsChosen() throws Exception {
        for (String name : TEMPLATES) {
            assertEquals("org.apache.spark.serializer.JavaSerializer", template(name).get("spark.serializer"), name);
        }
    }

    @Test
    void clusterTemplatesShareOneS3PartWithTheMagicCommitter() throws Exception {
        Map<String, String> cpu = template("cpu-cluster.conf").s3();
        assertEquals(cpu, template("gpu-cluster.conf").s3(), "the S3 parts of cpu-cluster.conf and gpu-cluster.conf"
                + " differ");
        assertEquals("magic", cpu.get("spark.hadoop.fs.s3a.committer.name"));
        assertEquals("true", cpu.get("spark.hadoop.fs.s3a.committer.magic.enabled"));
        assertEquals("true", cpu.get("spark.hadoop.fs.s3a.path.style.access"));
        assertTrue(cpu.get("spark.hadoop.fs.s3a.aws.credentials.provider")
                .startsWith("com.amazonaws.auth.EnvironmentVariableCredentialsProvider"));
    }

    @Test
    void noCredentialAndPlaceholdersOnlyWhereExpected() throws Exception {
        for (String name : TEMPLATES) {
            String text = Files.readString(SPARK_CONF.resolve(name));
            assertFalse(AWS_KEY_ID.matcher(text).find(), name + " holds something shaped like an AWS access key id");
            for (Map.Entry<String, String> e : template(name).values().entrySet()) {
                String k = e.getKey().toLowerCase(java.util.Locale.ROOT);
                assertFalse(k.contains("access.key") || k.contains("secret") || k.contains("session.token")
                        || k.contains("password") || k.contains("aws_"), name + ": " + e.getKey()
                        + " is a credential key; credentials come from the environment");
                if (e.getValue().contains("<")) {
                    assertTrue(PLACEHOLDER_KEYS.contains(e.getKey()), name + ": " + e.getKey() + " = " + e.getValue()
                            + " is a placeholder outside " + PLACEHOLDER_KEYS);
                }
            }
        }
    }

    @Test
    void nativeMemoryLimitsFitTheContainer() throws Exception {
        for (String name : CLUSTERS) {
            SparkDefaults d = template(name);
            long container = SparkDefaults.mebibytes(d.get("spark.executor.memory"))
                    + SparkDefaults.mebibytes(d.get("spark.executor.memoryOverhead"));
            long physical = SparkDefaults.mebibytes(javacpp(d, "maxphysicalbytes"));
            long bytes = SparkDefaults.mebibytes(javacpp(d, "maxbytes"));
            assertTrue(physical < container, name + ": javacpp maxphysicalbytes " + physical + " MiB must stay below"
                    + " executor memory + overhead (" + container + " MiB)");
            assertTrue(bytes + SparkDefaults.mebibytes(d.get("spark.executor.memory")) <= physical,
                    name + ": javacpp maxbytes + heap exceed maxphysicalbytes");
            assertEquals(d.get("spark.executor.cores"), d.get("spark.task.cpus"), name + ": one task per executor");
            assertEquals(d.get("spark.executor.cores"), d.get("spark.executorEnv.OMP_NUM_THREADS"), name);
            assertEquals("false", d.get("spark.dynamicAllocation.enabled"), name);
        }
    }

    private static String javacpp(SparkDefaults d, String what) {
        for (String opt : d.get("spark.executor.extraJavaOptions").split("\\s+")) {
            if (opt.startsWith("-Dorg.bytedeco.javacpp." + what + "=")) {
                return opt.substring(opt.indexOf('=') + 1);
            }
        }
        throw new AssertionError(d.file() + ": spark.executor.extraJavaOptions sets no javacpp " + what);
    }

    @Test
    void gpuTemplateAsksForOneGpuPerTaskAndItsScriptReportsGpus() throws Exception {
        SparkDefaults d = template("gpu-cluster.conf");
        assertEquals("1", d.get("spark.executor.resource.gpu.amount"));
        assertEquals("1", d.get("spark.task.resource.gpu.amount"));
        assertTrue(d.get("spark.executor.resource.gpu.discoveryScript").endsWith("/conf/spark/gpu-discovery.sh"));
        Path script = SPARK_CONF.resolve("gpu-discovery.sh");
        assertTrue(Files.isExecutable(script), script + " must be executable");

        Path bin = Files.createTempDirectory("fake-nvidia-smi");
        Files.writeString(bin.resolve("nvidia-smi"), "#!/bin/sh\nprintf '0\\n1\\n'\n");
        assertTrue(bin.resolve("nvidia-smi").toFile().setExecutable(true));
        assertEquals("{\"name\": \"gpu\", \"addresses\": [\"0\", \"1\"]}", run(script, bin.toString(), 0));
        Path none = Files.createTempDirectory("no-nvidia-smi");
        assertEquals("", run(script, none.toString(), 1), "without nvidia-smi the script must fail");
    }

    private static String run(Path script, String path, int expectedExit) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(List.of("bash", script.toString())));
        pb.environment().put("PATH", path);
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertEquals(expectedExit, p.waitFor(), script + " exit status (stdout: " + out + ")");
        return out;
    }
}
