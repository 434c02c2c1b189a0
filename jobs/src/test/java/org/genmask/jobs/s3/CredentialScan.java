package org.genmask.jobs.s3;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Where the given credential strings occur: every object of a bucket and every file under local directories. */
final class CredentialScan {
    private final List<String> secrets;
    private final List<String> places = new ArrayList<>();

    CredentialScan(String... secrets) {
        this.secrets = List.of(secrets);
    }

    /** Every object of {@code bucket}. */
    CredentialScan bucket(S3ProxyServer s3, String bucket) throws IOException {
        for (String key : s3.keys(bucket, "")) {
            scan("s3a://" + bucket + "/" + key, s3.read(bucket, key));
        }
        return this;
    }

    /** Every file under {@code dir} except S3Proxy's own log (the server knows the credentials). */
    CredentialScan files(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.endsWith("s3proxy.log")).toList()) {
                scan(f.toString(), Files.readAllBytes(f));
            }
        }
        return this;
    }

    private void scan(String where, byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        for (int i = 0; i < secrets.size(); i++) {
            if (text.contains(secrets.get(i))) {
                places.add(where + " (credential " + (i + 1) + ")");
            }
        }
    }

    /** The places found, empty when none. */
    List<String> places() {
        return List.copyOf(places);
    }
}
