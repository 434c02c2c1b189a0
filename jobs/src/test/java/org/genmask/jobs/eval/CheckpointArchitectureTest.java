package org.genmask.jobs.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.genmask.dit.DiTConfig;
import org.genmask.jobs.train.TrainJobConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A checkpoint's architecture comes from its stored config; one written before cond_align_bias, num_heads
 * and rope existed had no prior, the preset's heads and no rotary positions. */
class CheckpointArchitectureTest {

    private static Path checkpoint(Path root, Map<String, String> config) throws Exception {
        Path dir = Files.createDirectories(root.resolve("ckpt-000010"));
        ObjectMapper json = new ObjectMapper();
        ObjectNode state = json.createObjectNode().put("format", 1).put("round", 10).put("step", 40);
        ObjectNode stored = state.putObject("config");
        TrainJobConfig.defaults().forEach((k, v) -> stored.put(k, config.getOrDefault(k, v)));
        config.forEach(stored::put);
        for (String key : TrainJobConfig.BEFORE_KEY_EXISTED.keySet()) {
            if (!config.containsKey(key)) {
                stored.remove(key);
            }
        }
        json.writeValue(dir.resolve("state.json").toFile(), state);
        return root;
    }

    @Test
    void theStoredPriorIsUsedAndAnOlderCheckpointHasNone(@TempDir Path tmp) throws Exception {
        DiTConfig now = CheckpointModels.architecture(new Configuration(),
                checkpoint(tmp.resolve("new"), Map.of("cond_align_bias", "2.5")).toString());
        assertEquals(2.5, now.condAlignBias());
        DiTConfig older = CheckpointModels.architecture(new Configuration(),
                checkpoint(tmp.resolve("old"), Map.of()).toString());
        assertEquals(0.0, older.condAlignBias());
        assertEquals(false, older.rope());
        assertEquals(4, older.numHeads(), "DiT-T/2's heads");
        assertEquals(6.0, TrainJobConfig.from(org.genmask.jobs.config.JobConfig.of(TrainJobConfig.defaults(),
                Map.of())).ditConfig().condAlignBias(), "the default trains with the prior");
    }

    @Test
    void storedHeadsAndRotaryPositionsAreUsed(@TempDir Path tmp) throws Exception {
        DiTConfig stored = CheckpointModels.architecture(new Configuration(), checkpoint(tmp,
                Map.of("model", "DiT-Mini/4", "num_heads", "8", "rope", "true")).toString());
        assertEquals(8, stored.numHeads());
        assertEquals(true, stored.rope());
    }
}
