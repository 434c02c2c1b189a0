package org.genmask.data.latents;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.genmask.data.manifest.Split;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache key travels in the Parquet footer: Spark's schema JSON keeps column metadata. */
class LatentTableFooterTest {
    private static SparkSession spark;
    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("LatentTableFooterTest")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
    }

    @AfterAll
    static void stop() throws java.io.IOException {
        spark.stop();
        FileSystem.closeAll();
    }

    @Test
    void metadataSurvivesTheFooterAndRowsRoundTrip() throws Exception {
        CacheKey key = CacheKey.of(CacheKeyTest.tinyVae(0.5), "ab".repeat(32), 32, LatentDType.BFLOAT16);
        LatentShape shape = new LatentShape(4, 2, 2);
        TableMetadata meta = TableMetadata.of(LatentTable.IMAGES, "tiny", key, "cd".repeat(32));
        StructType schema = LatentTable.IMAGES.schema(meta, shape);
        float[] m = new float[16];
        for (int i = 0; i < 16; i++) {
            m[i] = i * 0.5f - 3;
        }
        LatentPair p = new LatentPair(m, m.clone());
        ImageLatentRow row = new ImageLatentRow("img-1", Split.VAL, "images/1.png", p, p);
        String out = dir.resolve("images").toString();
        spark.createDataFrame(List.of(row.toRow(LatentDType.BFLOAT16)), schema).write().parquet(out);

        StructType read = spark.read().parquet(out).schema();
        TableMetadata back = TableMetadata.fromSchema(read, out);
        assertEquals(meta, back);
        assertEquals("4x2x2", read.apply("mean").metadata().getString(TableMetadata.SHAPE));
        assertEquals("bfloat16", read.apply("flip_logvar").metadata().getString(TableMetadata.DTYPE));

        File part = java.util.Arrays.stream(new File(out).listFiles())
                .filter(f -> f.getName().endsWith(".parquet")).findFirst().orElseThrow();
        try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(part.toURI()), new Configuration()))) {
            String sparkSchema = r.getFooter().getFileMetaData().getKeyValueMetaData()
                    .get("org.apache.spark.sql.parquet.row.metadata");
            assertTrue(sparkSchema.contains(key.id()) && sparkSchema.contains("genmask.cache_key"), sparkSchema);
        }

        Row r = spark.read().parquet(out).collectAsList().get(0);
        ImageLatentRow decoded = ImageLatentRow.fromRow(r, LatentDType.BFLOAT16, shape);
        assertEquals("img-1", decoded.imageId());
        assertEquals(Split.VAL, decoded.split());
        assertArrayEquals(m, decoded.flipped().logvar()); // these values are exact in bfloat16
    }
}
