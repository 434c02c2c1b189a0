package org.genmask.jobs.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.genmask.jobs.train.TrainJobConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobConfigTest {
    @TempDir
    Path dir;

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("rounds", "10");
        d.put("optimizer.lr", "1e-4");
        d.put("run_dir", "runs/x");
        return d;
    }

    @Test
    void fileThenCommandLineOverrideDefaults() throws Exception {
        Path file = dir.resolve("quick.conf");
        Files.writeString(file, "# only the changes\nrounds = 20\noptimizer.lr=3e-4\n");
        JobConfig c = JobConfig.resolve(defaults(), new String[] {"--config=" + file, "--rounds=5"});
        assertEquals(5, c.integer("rounds"));
        assertEquals(3e-4, c.number("optimizer.lr"));
        assertEquals("runs/x", c.string("run_dir"));
        assertTrue(c.render().contains("rounds = 5\n"), c.render());
        assertEquals("command line", c.source("rounds"));
        assertEquals(file + " line 3", c.source("optimizer.lr"));
        assertEquals("default", c.source("run_dir"));
    }

    @Test
    void anUnknownKeyNamesTheNearestValidKey() throws Exception {
        Path file = dir.resolve("typo.conf");
        Files.writeString(file, "rounds = 3\noptimiser.lr = 1\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JobConfig.resolve(defaults(), new String[] {"--config=" + file}));
        assertEquals(file + " line 2: unknown config key 'optimiser.lr'; did you mean 'optimizer.lr'?",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> JobConfig.resolve(defaults(), new String[] {"--round=3"}));
        assertTrue(e.getMessage().contains("'rounds'"), e.getMessage());
    }

    @Test
    void badValuesNameKeyAndSource() throws Exception {
        JobConfig c = JobConfig.resolve(defaults(), new String[] {"--rounds=ten"});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.integer("rounds"));
        assertEquals("config key 'rounds' (from command line): expected an integer, got 'ten'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> JobConfig.resolve(defaults(), new String[] {"rounds=3"}));
        assertTrue(e.getMessage().contains("--key=value"), e.getMessage());
    }

    @Test
    void credentialsAreNeverConfiguration() {
        Map<String, String> d = defaults();
        d.put("fs.s3a.secret.key", "");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JobConfig.resolve(d, new String[] {"--fs.s3a.secret.key=hunter2"}));
        assertTrue(e.getMessage().contains("environment") && !e.getMessage().contains("hunter2"), e.getMessage());
    }

    /** The training config refuses these overrides with a message holding every fragment. */
    private static void assertRefused(Map<String, String> overrides, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainJobConfig.from(JobConfig.of(TrainJobConfig.defaults(), overrides)));
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), overrides + ": " + e.getMessage());
        }
    }

    @Test
    void trainingConfigValidatesItsKeys() {
        assertRefused(Map.of("sampler.mask", "genmask(b=1)"), "genmask(b=1)");
        assertRefused(Map.of("batch_size", "1"), "batch_size");
        assertRefused(Map.of("model", "DiT-Q/2"), "DiT-Q/2");
        assertRefused(Map.of("cond_align_bias", "-1"), "cond_align_bias");
        assertRefused(Map.of("num_heads", "-2"), "'num_heads'");
        assertRefused(Map.of("depth", "-1"), "'depth'");
        assertRefused(Map.of("num_heads", "5"), "num_heads (5)");
        assertRefused(Map.of("rope", "yes"), "rope");
        assertRefused(Map.of("rope", "true", "model", "DiT-T/2", "num_heads", "32"), "rope", "multiple of 4");
    }

    @Test
    void sizeOverridesAndRotaryPositionsReachTheModel() {
        TrainJobConfig t = TrainJobConfig.from(JobConfig.of(TrainJobConfig.defaults(), Map.of(
                "model", "DiT-Mini/4", "num_heads", "8", "rope", "true")));
        assertEquals(8, t.ditConfig().numHeads());
        assertEquals(128, t.ditConfig().hiddenSize(), "the preset's width");
        assertTrue(t.ditConfig().rope());
        TrainJobConfig sized = TrainJobConfig.from(JobConfig.of(TrainJobConfig.defaults(), Map.of(
                "model", "DiT-Mini/2", "hidden_size", "96", "depth", "6")));
        assertEquals(96, sized.ditConfig().hiddenSize());
        assertEquals(6, sized.ditConfig().depth());
        assertEquals(4, sized.ditConfig().numHeads(), "the preset's heads");
        TrainJobConfig preset = TrainJobConfig.from(JobConfig.of(TrainJobConfig.defaults(), Map.of(
                "model", "DiT-Mini/4")));
        assertEquals(4, preset.ditConfig().numHeads(), "0 keeps the preset's heads");
        assertFalse(preset.ditConfig().rope());
    }

    @Test
    void aCosineScheduleEndsAtTheRunsLastStep() {
        TrainJobConfig t = TrainJobConfig.from(JobConfig.of(TrainJobConfig.defaults(), Map.of(
                "optimizer.schedule", "cosine", "optimizer.final_lr_ratio", "0.2", "rounds", "30",
                "averaging_period", "4", "optimizer.lr", "1e-3")));
        assertEquals(120, t.optimizer().decaySteps());
        assertEquals(2e-4, t.optimizer().lrAt(120), 1e-15);
        assertEquals(0, TrainJobConfig.from(JobConfig.of(TrainJobConfig.defaults(), Map.of())).optimizer()
                .decaySteps());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainJobConfig.from(
                JobConfig.of(TrainJobConfig.defaults(), Map.of("optimizer.schedule", "linear"))));
        assertTrue(e.getMessage().contains("optimizer.schedule") && e.getMessage().contains("linear"),
                e.getMessage());
        // a run shorter than its warm-up cannot decay: the error names the keys that set both
        e = assertThrows(IllegalArgumentException.class, () -> TrainJobConfig.from(JobConfig.of(
                TrainJobConfig.defaults(), Map.of("optimizer.schedule", "cosine", "rounds", "2",
                        "averaging_period", "8", "optimizer.warmup_steps", "20"))));
        assertTrue(e.getMessage().contains("16 steps") && e.getMessage().contains("optimizer.warmup_steps = 20"),
                e.getMessage());
    }
}
