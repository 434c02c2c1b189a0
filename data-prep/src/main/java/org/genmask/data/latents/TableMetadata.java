package org.genmask.data.latents;

import java.io.Serializable;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * What every latent table carries in its Parquet footer: Spark stores a {@link StructField}'s metadata in the
 * footer's schema JSON (key {@code org.apache.spark.sql.parquet.row.metadata}), so these values sit on the table's
 * first column and come back with {@code spark.read().parquet(dir).schema()}.
 *
 * @param schemaVersion  the latent schema version ({@link CacheKey#SCHEMA_VERSION})
 * @param table          the table's name ({@link LatentTable#directory()})
 * @param dataset        the dataset name of the partition
 * @param cacheKey       the partition's cache key
 * @param manifestSha256 hex SHA-256 of the {@code manifest.jsonl} the table was computed from
 */
public record TableMetadata(int schemaVersion, String table, String dataset, CacheKey cacheKey,
                            String manifestSha256) implements Serializable {

    static final String SCHEMA_VERSION = "genmask.schema_version";
    static final String TABLE = "genmask.table";
    static final String DATASET = "genmask.dataset";
    static final String CACHE_KEY = "genmask.cache_key";
    static final String CACHE_KEY_ID = "genmask.cache_key_id";
    static final String MANIFEST_SHA256 = "genmask.manifest_sha256";
    static final String DTYPE = "genmask.dtype";
    static final String SHAPE = "genmask.shape";

    /** Validates the fields. */
    public TableMetadata {
        if (table == null || dataset == null || cacheKey == null || manifestSha256 == null) {
            throw new IllegalArgumentException("table metadata needs a table, a dataset, a cache key and a manifest"
                    + " hash");
        }
    }

    /** The metadata of {@code table} in a partition. */
    public static TableMetadata of(LatentTable table, String dataset, CacheKey key, String manifestSha256) {
        return new TableMetadata(key.schemaVersion(), table.directory(), dataset, key, manifestSha256);
    }

    /** As Spark column metadata. */
    public Metadata toSpark() {
        return new MetadataBuilder().putLong(SCHEMA_VERSION, schemaVersion).putString(TABLE, table)
                .putString(DATASET, dataset).putString(CACHE_KEY, cacheKey.toJson())
                .putString(CACHE_KEY_ID, cacheKey.id()).putString(MANIFEST_SHA256, manifestSha256).build();
    }

    /**
     * Reads the metadata of a table's schema as Spark read it from the Parquet footer.
     *
     * @param where the table's location, for messages
     * @throws IllegalArgumentException naming the location and the missing field, or an unsupported schema version
     */
    public static TableMetadata fromSchema(StructType schema, String where) {
        if (schema.fields().length == 0) {
            throw new IllegalArgumentException(where + ": table has no columns");
        }
        StructField first = schema.fields()[0];
        Metadata m = first.metadata();
        String at = where + ": Parquet footer metadata of column '" + first.name() + "'";
        for (String k : new String[] {SCHEMA_VERSION, TABLE, DATASET, CACHE_KEY, MANIFEST_SHA256}) {
            if (!m.contains(k)) {
                throw new IllegalArgumentException(at + ": '" + k + "' is missing (not a genmask latent table?)");
            }
        }
        int version = (int) m.getLong(SCHEMA_VERSION);
        if (version != CacheKey.SCHEMA_VERSION) {
            throw new IllegalArgumentException(at + ": " + SCHEMA_VERSION + " is " + version + " but this code reads "
                    + "version " + CacheKey.SCHEMA_VERSION + "; recompute the latents with this version");
        }
        return new TableMetadata(version, m.getString(TABLE), m.getString(DATASET),
                CacheKey.fromJson(at + " " + CACHE_KEY, m.getString(CACHE_KEY)), m.getString(MANIFEST_SHA256));
    }

    /** Column metadata of a latent column: its dtype and shape. */
    static Metadata latentColumn(LatentDType dtype, LatentShape shape) {
        return new MetadataBuilder().putString(DTYPE, dtype.configName()).putString(SHAPE, shape.toString()).build();
    }
}
