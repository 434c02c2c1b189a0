package org.genmask.jobs.conf;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.genmask.jobs.analysis.LatentAnalysisConfig;
import org.genmask.jobs.config.JobConfig;
import org.genmask.jobs.eval.EvaluateJobConfig;
import org.genmask.jobs.sample.SampleJobConfig;
import org.genmask.jobs.train.TrainJobConfig;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every job config in {@code conf/jobs/} resolves against its job's defaults and validates: {@code *-train.conf}
 * with {@link TrainJobConfig}, {@code *-precompute.conf} with {@code org.genmask.data.jobs.PrecomputeConfig},
 * {@code *-evaluate.conf} with {@link EvaluateJobConfig}, {@code *-sample.conf} with {@link SampleJobConfig} and
 * {@code *-analysis.conf} with {@link LatentAnalysisConfig}. A renamed
 * key fails here, naming the file, the line and the nearest valid key. The precomputation job is written in another
 * branch (issue 4): until its config class is on the class path, its files are reported as skipped, not passed.
 */
class JobConfigFilesTest {
    static final String PRECOMPUTE_CONFIG = "org.genmask.data.jobs.PrecomputeConfig";

    @TestFactory
    Stream<DynamicTest> everyJobConfigResolves() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(SparkConfTemplatesTest.REPO.resolve("conf/jobs"))) {
            files = s.filter(p -> p.toString().endsWith(".conf")).sorted().toList();
        }
        assertTrue(files.size() >= 4, "conf/jobs holds fewer job configs than expected: " + files);
        List<DynamicTest> tests = new ArrayList<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            if (name.endsWith("-train.conf")) {
                tests.add(DynamicTest.dynamicTest(name, () -> TrainJobConfig.from(
                        JobConfig.resolve(TrainJobConfig.defaults(), new String[] {"--config=" + f}))));
            } else if (name.endsWith("-precompute.conf")) {
                tests.add(DynamicTest.dynamicTest(name, () -> precompute(f)));
            } else if (name.endsWith("-evaluate.conf")) {
                tests.add(DynamicTest.dynamicTest(name, () -> EvaluateJobConfig.from(
                        JobConfig.resolve(EvaluateJobConfig.defaults(), new String[] {"--config=" + f}))));
            } else if (name.endsWith("-sample.conf")) {
                tests.add(DynamicTest.dynamicTest(name, () -> SampleJobConfig.from(
                        JobConfig.resolve(SampleJobConfig.defaults(), new String[] {"--config=" + f}))));
            } else if (name.endsWith("-analysis.conf")) {
                tests.add(DynamicTest.dynamicTest(name, () -> LatentAnalysisConfig.from(
                        JobConfig.resolve(LatentAnalysisConfig.defaults(), new String[] {"--config=" + f}))));
            } else {
                tests.add(DynamicTest.dynamicTest(name, () -> {
                    throw new AssertionError(f + ": name it *-train.conf, *-precompute.conf, *-evaluate.conf, "
                            + "*-sample.conf or *-analysis.conf so its keys are checked");
                }));
            }
        }
        return tests.stream();
    }

    @SuppressWarnings("unchecked")
    private static void precompute(Path f) throws Exception {
        Class<?> c;
        try {
            c = Class.forName(PRECOMPUTE_CONFIG);
        } catch (ClassNotFoundException e) {
            Assumptions.abort(PRECOMPUTE_CONFIG + " is not on this branch yet (issue 4): " + f + " unchecked");
            return;
        }
        Map<String, String> defaults = (Map<String, String>) c.getMethod("defaults").invoke(null);
        JobConfig resolved = JobConfig.resolve(defaults, new String[] {"--config=" + f,
            "--dataset=s3a://bucket/datasets/synthetic", "--output=s3a://bucket/latents", "--vae=s3a://bucket/vae"});
        Method from = c.getMethod("from", JobConfig.class);
        from.invoke(null, resolved);
    }
}
