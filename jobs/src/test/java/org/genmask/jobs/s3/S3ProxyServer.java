package org.genmask.jobs.s3;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.client.builder.AwsClientBuilder;
import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.AmazonS3ClientBuilder;
import com.amazonaws.services.s3.model.ListObjectsV2Request;
import com.amazonaws.services.s3.model.ListObjectsV2Result;
import com.amazonaws.services.s3.model.S3ObjectSummary;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An S3-compatible server on 127.0.0.1 for integration tests: S3Proxy (in-memory {@code transient} store, AWS v2/v4
 * signatures) in its own JVM from {@code target/s3proxy/s3proxy.jar}, so its dependencies never meet the test class
 * path. Its configuration, credentials included, goes through the process's standard input: nothing is written to a
 * file. A client from the AWS SDK v1 that hadoop-aws brings creates buckets and reads objects back. Stopped with
 * SIGTERM.
 */
public final class S3ProxyServer implements AutoCloseable {
    private final Process process;
    private final String endpoint;
    private final AmazonS3 client;

    private S3ProxyServer(Process process, String endpoint, AmazonS3 client) {
        this.process = process;
        this.endpoint = endpoint;
        this.client = client;
    }

    /** Starts the server with one identity ({@code accessKey}, {@code secretKey}); its output goes to {@code log}. */
    public static S3ProxyServer start(Path jar, Path log, String accessKey, String secretKey)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: mvn -pl jobs generate-test-resources copies it");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String endpoint = "http://127.0.0.1:" + port;
        Process p = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx512m", "-jar",
                jar.toString(), "--properties", "/dev/stdin").redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        Map<String, String> props = new LinkedHashMap<>();
        props.put("s3proxy.endpoint", endpoint);
        props.put("s3proxy.authorization", "aws-v2-or-v4");
        props.put("s3proxy.identity", accessKey);
        props.put("s3proxy.credential", secretKey);
        props.put("jclouds.provider", "transient");
        props.put("jclouds.identity", "local");
        props.put("jclouds.credential", "local");
        try (OutputStream in = p.getOutputStream()) {
            StringBuilder text = new StringBuilder();
            props.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
            in.write(text.toString().getBytes(StandardCharsets.UTF_8));
        }
        AmazonS3 client = AmazonS3ClientBuilder.standard()
                .withEndpointConfiguration(new AwsClientBuilder.EndpointConfiguration(endpoint, "us-east-1"))
                .withPathStyleAccessEnabled(true)
                .withCredentials(new AWSStaticCredentialsProvider(new BasicAWSCredentials(accessKey, secretKey)))
                .build();
        S3ProxyServer server = new S3ProxyServer(p, endpoint, client);
        try {
            server.awaitPort(port, log);
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private void awaitPort(int port, Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("S3Proxy exited with status " + process.exitValue() + ": see " + log);
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        throw new IOException("S3Proxy did not open port " + port + " within 60 s: see " + log);
    }

    /** {@code http://127.0.0.1:PORT} */
    public String endpoint() {
        return endpoint;
    }

    public void createBucket(String bucket) {
        client.createBucket(bucket);
    }

    /** Every object key under {@code prefix} in {@code bucket}. */
    public List<String> keys(String bucket, String prefix) {
        List<String> keys = new java.util.ArrayList<>();
        ListObjectsV2Request req = new ListObjectsV2Request().withBucketName(bucket).withPrefix(prefix);
        ListObjectsV2Result page;
        do {
            page = client.listObjectsV2(req);
            for (S3ObjectSummary o : page.getObjectSummaries()) {
                keys.add(o.getKey());
            }
            req.setContinuationToken(page.getNextContinuationToken());
        } while (page.isTruncated());
        return keys;
    }

    /** An empty directory marker ({@code prefix/}), which S3A lists as a directory. */
    public void createDirectory(String bucket, String prefix) {
        client.putObject(bucket, prefix.endsWith("/") ? prefix : prefix + "/", "");
    }

    /** Copies every file under the local {@code dir} to {@code prefix/<its relative path>}; returns the count. */
    public int upload(String bucket, String prefix, Path dir) throws IOException {
        List<Path> files;
        try (var walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : files) {
            String rel = dir.relativize(f).toString().replace(java.io.File.separatorChar, '/');
            client.putObject(bucket, prefix.replaceAll("/+$", "") + "/" + rel, f.toFile());
        }
        return files.size();
    }

    public byte[] read(String bucket, String key) throws IOException {
        try (var in = client.getObject(bucket, key).getObjectContent()) {
            return in.readAllBytes();
        }
    }

    /** SIGTERM, then SIGKILL if it has not exited within 10 s. */
    @Override
    public void close() {
        client.shutdown();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
