package org.genmask.jobs.s3;

import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * A spark-submit application for the cluster S3 test: the executors write {@code rows} rows as Parquet to
 * {@code args[0]} (overwrite) and read them back, so executors, not only the driver, reach S3 with the node's
 * credentials and commit through the template's committer.
 */
public final class ParquetProbe {

    private ParquetProbe() {
    }

    public static void main(String[] args) {
        SparkSession spark = SparkSession.builder().appName("genmask-parquet-probe").getOrCreate();
        try {
            long rows = Long.parseLong(args[1]);
            spark.range(0, rows).selectExpr("id", "cast(id as float) * 0.5 as v").repartition(2).write()
                    .mode(SaveMode.Overwrite).parquet(args[0]);
            System.out.println("parquet probe: " + spark.read().parquet(args[0]).count() + " rows at " + args[0]);
        } finally {
            spark.stop();
        }
    }
}
