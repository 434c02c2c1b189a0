package org.genmask.jobs.s3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/** Reads back the metadata the jobs store beside their data: Parquet footers and safetensors headers. */
final class StoredFormats {

    private StoredFormats() {
    }

    /**
     * The key-value metadata of a Parquet file's footer (Spark's schema JSON, with the columns' metadata, is under
     * {@code org.apache.spark.sql.parquet.row.metadata}); the file's bytes go through a local copy at {@code tmp}.
     */
    static Map<String, String> parquetFooter(byte[] file, Path tmp) throws IOException {
        Files.write(tmp, file);
        try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(tmp.toUri()), new Configuration()))) {
            return r.getFooter().getFileMetaData().getKeyValueMetaData();
        } finally {
            Files.delete(tmp);
        }
    }

    /** A safetensors file's JSON header (8-byte little-endian length, then the JSON; {@code __metadata__} inside). */
    static JsonNode safetensorsHeader(byte[] file) throws IOException {
        long n = ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (n <= 0 || n > file.length - 8) {
            throw new IOException("not a safetensors file: header length " + n + " of " + file.length + " bytes");
        }
        return new ObjectMapper().readTree(new String(file, 8, (int) n, StandardCharsets.UTF_8));
    }
}
