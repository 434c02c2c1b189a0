package org.genmask.jobs.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * The report's inputs and output on any Hadoop file system ({@code s3a://}, {@code hdfs://}, local paths): a local
 * path is used in place; a remote input directory is copied, only the files the report reads, into a local staging
 * directory that {@link #close()} deletes, remembering the location the user named for each staged directory,
 * so the Inputs table and error messages show {@code s3a://...}, never the staging directory ({@link #origins}).
 *
 * <p>Copied from a remote run directory: {@code metrics.jsonl} and every {@code ckpt-NNNNNN/state.json} (never the
 * weights); from an ablation directory: {@code ablation.json} (never the arms' runs); from evaluation, samples and
 * latent-analysis directories: every file (they hold JSON and the PNGs the JSON names).
 */
final class ReportStaging implements AutoCloseable {
    private final Configuration hadoop;
    private final Map<Path, String> origins = new LinkedHashMap<>();
    private Path root;
    private int count;

    ReportStaging(Configuration hadoop) {
        this.hadoop = hadoop;
    }

    /** Whether a location is on the local file system (no scheme, or {@code file:}). */
    static boolean isLocal(String location) {
        String scheme = URI.create(location.replace(" ", "%20")).getScheme();
        return scheme == null || scheme.equals("file") || scheme.length() == 1; // a Windows drive letter is local
    }

    /** The local path of a run directory: in place, or {@code metrics.jsonl} and checkpoint states staged. */
    Path runDir(String location) throws IOException {
        return stage(location, "run", (fs, dir, local) -> {
            copyIfExists(fs, new org.apache.hadoop.fs.Path(dir, "metrics.jsonl"), local.resolve("metrics.jsonl"));
            for (FileStatus s : fs.listStatus(dir)) {
                String name = s.getPath().getName();
                if (s.isDirectory() && name.matches("ckpt-\\d{6}")) {
                    copyIfExists(fs, new org.apache.hadoop.fs.Path(s.getPath(), "state.json"),
                            local.resolve(name).resolve("state.json"));
                }
            }
        });
    }

    /** The local path of an ablation output directory: in place, or its {@code ablation.json} staged. */
    Path ablation(String location) throws IOException {
        return stage(location, "ablation", (fs, dir, local) -> copyIfExists(fs,
                new org.apache.hadoop.fs.Path(dir, AblationSection.FILE), local.resolve(AblationSection.FILE)));
    }

    /** The local path of an output directory read whole (evaluation, samples, latent analysis). */
    Path whole(String location, String kind) throws IOException {
        return stage(location, kind, (fs, dir, local) -> {
            RemoteIterator<LocatedFileStatus> files = fs.listFiles(dir, true);
            String prefix = fs.makeQualified(dir).toUri().getPath();
            while (files.hasNext()) {
                org.apache.hadoop.fs.Path f = files.next().getPath();
                String relative = f.toUri().getPath().substring(prefix.length()).replaceFirst("^/+", "");
                copyIfExists(fs, f, local.resolve(relative).normalize());
            }
        });
    }

    /** Each staged directory and the location it stands for (local inputs, used in place, are not listed). */
    Map<Path, String> origins() {
        return Map.copyOf(origins);
    }

    /** A message with every staged path replaced by the location it stands for. */
    String unstage(String message) {
        String out = message;
        List<Map.Entry<Path, String>> longestFirst = new ArrayList<>(origins.entrySet());
        longestFirst.sort(Comparator.comparingInt((Map.Entry<Path, String> e) -> e.getKey().toString().length())
                .reversed());
        for (Map.Entry<Path, String> e : longestFirst) {
            out = out.replace(e.getKey().toString(), e.getValue().replaceFirst("/+$", ""));
        }
        return out;
    }

    /**
     * Writes the report: a local file through a temporary sibling and an atomic rename; a remote one in a single
     * create-and-close (an S3A object becomes visible whole on close).
     */
    String write(String location, byte[] html) throws IOException {
        if (isLocal(location)) {
            Path out = localPath(location);
            Path parent = out.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, "." + out.getFileName(), ".tmp");
            try {
                Files.write(tmp, html);
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return out.toAbsolutePath().toString();
        }
        org.apache.hadoop.fs.Path out = new org.apache.hadoop.fs.Path(location);
        FileSystem fs = out.getFileSystem(hadoop);
        try (OutputStream o = fs.create(out, true)) {
            o.write(html);
        }
        return fs.makeQualified(out).toString();
    }

    private static Path localPath(String location) {
        return location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
    }

    private interface Copier {
        void copy(FileSystem fs, org.apache.hadoop.fs.Path dir, Path local) throws IOException;
    }

    private Path stage(String location, String kind, Copier copier) throws IOException {
        if (isLocal(location)) {
            return localPath(location);
        }
        if (root == null) {
            root = Files.createTempDirectory("genmask-report-");
        }
        Path local = root.resolve(kind + "-" + count++);
        org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(location);
        FileSystem fs = dir.getFileSystem(hadoop);
        origins.put(local, location);
        if (fs.exists(dir)) {
            Files.createDirectories(local);
            copier.copy(fs, dir, local);
        }
        return local;
    }

    private static void copyIfExists(FileSystem fs, org.apache.hadoop.fs.Path from, Path to) throws IOException {
        if (!fs.exists(from)) {
            return;
        }
        Files.createDirectories(to.getParent());
        try (var in = fs.open(from)) {
            Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public void close() {
        if (root == null) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the report's staging directory " + root, e);
        }
    }
}
