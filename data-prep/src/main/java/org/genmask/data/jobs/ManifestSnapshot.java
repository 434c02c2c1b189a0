package org.genmask.data.jobs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.genmask.data.DatasetFiles;
import org.genmask.data.latents.RejectRow;
import org.genmask.data.manifest.DatasetImage;
import org.genmask.data.manifest.ManifestReader;
import org.genmask.data.manifest.ManifestRecord;
import org.genmask.data.manifest.Split;

/**
 * A dataset's manifest as read once on the driver: every record (accepted or rejected, files not checked: missing
 * files are found by the executors that read them), and the SHA-256 of the file's bytes, which ties every table of
 * a partition to the manifest it came from.
 *
 * @param sha256  hex SHA-256 of {@code manifest.jsonl}
 * @param records one per non-blank line, in order
 */
record ManifestSnapshot(String sha256, List<ManifestRecord> records) {

    ManifestSnapshot {
        records = List.copyOf(records);
    }

    /** Reads {@code manifest.jsonl} of a dataset root. */
    static ManifestSnapshot read(DatasetFiles files) throws IOException {
        byte[] bytes = files.read(ManifestReader.MANIFEST_PATH);
        String sha = VaeLocation.sha256(new ByteArrayInputStream(bytes));
        List<ManifestRecord> records = new ManifestReader().read(new OneFile(files.root(), bytes), false);
        return new ManifestSnapshot(sha, records);
    }

    /** The accepted records, in manifest order. */
    List<ManifestRecord> accepted() {
        return records.stream().filter(ManifestRecord::isAccepted).toList();
    }

    /** The rejected lines as rejects rows of the manifest stage. */
    List<RejectRow> rejects() {
        List<RejectRow> out = new ArrayList<>();
        for (ManifestRecord r : records) {
            if (!r.isAccepted()) {
                out.add(new RejectRow(RejectRow.MANIFEST, r.file(), r.line(), r.field(), r.reason(), "MANIFEST", null,
                        null, null));
            }
        }
        return out;
    }

    /** Objects of the accepted images. */
    long objects() {
        return accepted().stream().mapToLong(r -> r.image().objects().size()).sum();
    }

    /** Captions and expressions of the accepted images. */
    long texts() {
        return accepted().stream().mapToLong(r -> r.image().texts().size()).sum();
    }

    /** The texts of accepted train-split images (what a vocabulary is built from). */
    List<String> trainTexts() {
        List<String> out = new ArrayList<>();
        for (ManifestRecord r : records) {
            DatasetImage image = r.image();
            if (image != null && image.split() == Split.TRAIN) {
                out.addAll(image.texts());
            }
        }
        return out;
    }

    /**
     * The accepted records cut into consecutive chunks of at most {@code size}; one empty chunk when there are none,
     * so that every table exists.
     */
    List<List<ManifestRecord>> chunks(int size) {
        List<ManifestRecord> all = accepted();
        List<List<ManifestRecord>> out = new ArrayList<>();
        if (all.isEmpty()) {
            out.add(List.of());
        }
        for (int i = 0; i < all.size(); i += size) {
            out.add(all.subList(i, Math.min(all.size(), i + size)));
        }
        return out;
    }

    /** The manifest's bytes as the only file of a dataset root, so the reader parses what was hashed. */
    private record OneFile(String root, byte[] manifest) implements DatasetFiles {
        @Override
        public boolean exists(org.genmask.data.RelativePath path) {
            return path.equals(ManifestReader.MANIFEST_PATH);
        }

        @Override
        public java.io.InputStream open(org.genmask.data.RelativePath path) throws IOException {
            if (!exists(path)) {
                throw new java.io.FileNotFoundException(uri(path) + ": file not found");
            }
            return new ByteArrayInputStream(manifest);
        }

        @Override
        public java.io.OutputStream create(org.genmask.data.RelativePath path) {
            throw new UnsupportedOperationException("read-only manifest snapshot");
        }
    }
}
