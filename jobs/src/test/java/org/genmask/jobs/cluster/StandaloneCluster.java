package org.genmask.jobs.cluster;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Spark standalone cluster on 127.0.0.1 for integration tests: a master and workers started as separate JVMs from
 * the Spark distribution that {@code ci/spark-dist} assembles from Maven Central, and jobs submitted through
 * {@code org.apache.spark.deploy.SparkSubmit} exactly as {@code spark-submit} does ({@link #submit}: the driver command
 * that {@code bin/spark-submit} would run, from {@link SparkSubmitCommand}).
 */
public final class StandaloneCluster implements AutoCloseable {
    /** The Java 17 flags Spark needs (spark-submit adds its own set for the driver). */
    public static final List<String> JAVA17_OPENS = List.of(
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED", "-Djdk.reflect.useDirectMethodHandle=false");

    private final Path sparkHome;
    private final Path work;
    private final String masterUrl;
    private final Map<String, String> env;
    private final List<Process> daemons = new ArrayList<>();

    private StandaloneCluster(Path sparkHome, Path work, String masterUrl, Map<String, String> env) {
        this.sparkHome = sparkHome;
        this.work = work;
        this.masterUrl = masterUrl;
        this.env = Map.copyOf(env);
    }

    /** Starts a master and {@code workers} workers with {@code cores} cores and {@code memory} each. */
    public static StandaloneCluster start(Path sparkHome, Path work, int workers, int cores, String memory)
            throws IOException, InterruptedException {
        return start(sparkHome, work, workers, cores, memory, Map.of());
    }

    /**
     * As {@link #start(Path, Path, int, int, String)}, with {@code env} added to the environment of every process it
     * launches (daemons, and through the workers their executors), as a node's environment would be.
     */
    public static StandaloneCluster start(Path sparkHome, Path work, int workers, int cores, String memory,
                                          Map<String, String> env) throws IOException, InterruptedException {
        if (!Files.isDirectory(sparkHome.resolve("jars"))) {
            throw new IllegalStateException(sparkHome + "/jars is missing: run mvn -f ci/spark-dist/pom.xml package");
        }
        int port = freePort();
        StandaloneCluster c = new StandaloneCluster(sparkHome, work, "spark://127.0.0.1:" + port, env);
        try {
            c.daemons.add(c.launch("master", List.of("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                    "--port", Integer.toString(port), "--webui-port", Integer.toString(freePort()))));
            waitForPort(port, Duration.ofSeconds(60));
            for (int i = 0; i < workers; i++) {
                Path dir = Files.createDirectories(work.resolve("worker-" + i));
                c.daemons.add(c.launch("worker-" + i, List.of("org.apache.spark.deploy.worker.Worker", "--host",
                        "127.0.0.1", "--cores", Integer.toString(cores), "--memory", memory, "--work-dir",
                        dir.toString(), "--webui-port", Integer.toString(freePort()), c.masterUrl)));
            }
            return c;
        } catch (IOException | InterruptedException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    public String masterUrl() {
        return masterUrl;
    }

    /** Where {@link #launch}, {@link #launchCommand} and {@link #submit} write the output of process {@code name}. */
    public Path log(String name) {
        return work.resolve(name + ".log");
    }

    /**
     * {@code spark-submit --master <this cluster> --deploy-mode client OPTIONS --class MAIN_CLASS JAR ARGS}, as
     * {@code bin/spark-submit} would run it (driver options and memory from {@code options} honoured), in this
     * cluster's environment; output to {@link #log log(name)}.
     */
    public Process submit(String name, List<String> options, String mainClass, Path jar, List<String> args)
            throws IOException, InterruptedException {
        List<String> submit = new ArrayList<>(List.of("--master", masterUrl, "--deploy-mode", "client"));
        submit.addAll(options);
        submit.addAll(List.of("--class", mainClass, jar.toString()));
        submit.addAll(args);
        return launchCommand(name, SparkSubmitCommand.of(sparkHome, submit));
    }

    /** Waits for a process of {@link #submit} and fails, naming its log, unless it exits with status 0 in time. */
    public void awaitSuccess(String name, Process p, Duration timeout) throws InterruptedException {
        if (!p.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            p.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError(name + " did not finish within " + timeout + ": see " + log(name));
        }
        if (p.exitValue() != 0) {
            throw new AssertionError(name + " failed with exit status " + p.exitValue() + ": see " + log(name));
        }
    }

    /** A Spark JVM (daemon or SparkSubmit) with the distribution's jars on the class path; output to work/NAME.log. */
    public Process launch(String name, List<String> mainAndArgs) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("-Xmx1g");
        cmd.addAll(JAVA17_OPENS);
        cmd.add("-cp");
        cmd.add(sparkHome.resolve("jars") + "/*");
        cmd.addAll(mainAndArgs);
        return launchCommand(name, cmd);
    }

    /** Any command (such as {@link SparkSubmitCommand#of}) in this cluster's environment; output to work/NAME.log. */
    public Process launchCommand(String name, List<String> command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log(name).toFile());
        Map<String, String> e = pb.environment();
        e.keySet().removeIf(k -> k.startsWith("AWS_"));
        e.put("SPARK_HOME", sparkHome.toString());
        e.put("SPARK_SCALA_VERSION", "2.12");
        e.put("SPARK_LOCAL_IP", "127.0.0.1");
        e.put("OMP_NUM_THREADS", "1");
        e.putAll(env);
        return pb.start();
    }

    /** Executor JVMs the workers launched (CoarseGrainedExecutorBackend), live now. */
    public List<ProcessHandle> executors() {
        List<ProcessHandle> out = new ArrayList<>();
        for (Process d : daemons) {
            d.toHandle().descendants().filter(p -> p.info().commandLine().orElse("")
                    .contains("CoarseGrainedExecutorBackend")).forEach(out::add);
        }
        return out;
    }

    /**
     * An executor whose CPU time grows by more than 150 ms in 250 ms (it is inside a task, e.g. a training step),
     * looked for until {@code deadline} ({@link System#nanoTime()}) while {@code job} runs; null if none was seen.
     */
    public ProcessHandle busyExecutor(long deadline, Process job) throws InterruptedException {
        while (System.nanoTime() < deadline && job.isAlive()) {
            for (ProcessHandle e : executors()) {
                long before = e.info().totalCpuDuration().map(Duration::toMillis).orElse(0L);
                Thread.sleep(250);
                long after = e.info().totalCpuDuration().map(Duration::toMillis).orElse(0L);
                if (after - before > 150) {
                    return e;
                }
            }
            Thread.sleep(50);
        }
        return null;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void waitForPort(int port, Duration timeout) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        throw new IOException("the Spark master did not open port " + port + " within " + timeout);
    }

    @Override
    public void close() {
        for (int i = daemons.size() - 1; i >= 0; i--) {
            Process p = daemons.get(i);
            p.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroy();
            try {
                if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
    }
}
