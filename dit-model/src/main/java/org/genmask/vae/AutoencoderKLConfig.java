package org.genmask.vae;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The architecture and latent scaling of a diffusers {@code AutoencoderKL}, read from its {@code config.json}.
 *
 * <p>Keys: the structural keys {@code block_out_channels}, {@code down_block_types}, {@code up_block_types},
 * {@code latent_channels}, {@code layers_per_block}, {@code norm_num_groups} are required; the others take
 * diffusers' defaults when absent ({@code in_channels}/{@code out_channels} 3, {@code act_fn} "silu",
 * {@code sample_size} 32, {@code scaling_factor} 0.18215, {@code shift_factor} null, {@code use_quant_conv} and
 * {@code use_post_quant_conv} true). Accepted but without effect here: {@code _class_name} (must be
 * "AutoencoderKL"), {@code _diffusers_version}, {@code _name_or_path}, {@code _use_default_values},
 * {@code force_upcast} (this port always computes in float32), {@code mid_block_add_attention} (must be true),
 * {@code latents_mean}/{@code latents_std} (must be null: per-channel latent statistics are not supported).
 * Any other key is an error, as is a value of the wrong type.
 *
 * @param shiftFactor {@code shift_factor}, with diffusers' null read as 0
 */
public record AutoencoderKLConfig(
        int inChannels,
        int outChannels,
        List<String> downBlockTypes,
        List<String> upBlockTypes,
        List<Integer> blockOutChannels,
        int layersPerBlock,
        String actFn,
        int latentChannels,
        int normNumGroups,
        int sampleSize,
        double scalingFactor,
        double shiftFactor,
        boolean useQuantConv,
        boolean usePostQuantConv) {

    public static final String DOWN_BLOCK = "DownEncoderBlock2D";
    public static final String UP_BLOCK = "UpDecoderBlock2D";
    private static final Set<String> REQUIRED = Set.of("block_out_channels", "down_block_types", "up_block_types",
            "latent_channels", "layers_per_block", "norm_num_groups");
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    public AutoencoderKLConfig {
        downBlockTypes = List.copyOf(downBlockTypes);
        upBlockTypes = List.copyOf(upBlockTypes);
        blockOutChannels = List.copyOf(blockOutChannels);
        positive("in_channels", inChannels);
        positive("out_channels", outChannels);
        positive("layers_per_block", layersPerBlock);
        positive("latent_channels", latentChannels);
        positive("norm_num_groups", normNumGroups);
        positive("sample_size", sampleSize);
        if (blockOutChannels.isEmpty()) {
            throw new IllegalArgumentException("block_out_channels must not be empty");
        }
        for (int i = 0; i < blockOutChannels.size(); i++) {
            int c = blockOutChannels.get(i);
            positive("block_out_channels[" + i + "]", c);
            if (c % normNumGroups != 0) {
                throw new IllegalArgumentException("block_out_channels[" + i + "]=" + c
                        + " is not divisible by norm_num_groups=" + normNumGroups);
            }
        }
        sameTypes("down_block_types", downBlockTypes, DOWN_BLOCK, blockOutChannels.size());
        sameTypes("up_block_types", upBlockTypes, UP_BLOCK, blockOutChannels.size());
        if (!"silu".equals(actFn)) {
            throw new IllegalArgumentException("act_fn '" + actFn + "' is not supported (only 'silu')");
        }
        if (!(scalingFactor > 0) || Double.isInfinite(scalingFactor)) {
            throw new IllegalArgumentException("scaling_factor must be a positive finite number, got " + scalingFactor);
        }
        if (!Double.isFinite(shiftFactor)) {
            throw new IllegalArgumentException("shift_factor must be finite, got " + shiftFactor);
        }
    }

    /** Number of resolution levels (down blocks); the latent is {@code 2^(levels-1)} times smaller than the image. */
    public int levels() {
        return blockOutChannels.size();
    }

    /** Spatial downsampling factor between image and latent. */
    public int downsampleFactor() {
        return 1 << (levels() - 1);
    }

    /** Reads a diffusers {@code config.json}; errors name the file and the key. */
    public static AutoencoderKLConfig load(Path configJson) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(configJson));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(configJson + ": not valid JSON: " + e.getOriginalMessage());
        }
        try {
            return fromJson(root);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(configJson + ": " + e.getMessage(), e);
        }
    }

    /** Parses a config object (see the class comment for the keys). */
    public static AutoencoderKLConfig fromJson(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("config must be a JSON object");
        }
        for (String key : REQUIRED) {
            if (!root.has(key)) {
                throw new IllegalArgumentException("missing required key '" + key + "'");
            }
        }
        DiffusersConfigReader r = new DiffusersConfigReader(root);
        AutoencoderKLConfig c = new AutoencoderKLConfig(
                r.integer("in_channels", 3),
                r.integer("out_channels", 3),
                r.strings("down_block_types"),
                r.strings("up_block_types"),
                r.integers("block_out_channels"),
                r.integer("layers_per_block", 1),
                r.string("act_fn", "silu"),
                r.integer("latent_channels", 4),
                r.integer("norm_num_groups", 32),
                r.sampleSize("sample_size", 32),
                r.number("scaling_factor", 0.18215, false),
                r.number("shift_factor", 0.0, true),
                r.bool("use_quant_conv", true),
                r.bool("use_post_quant_conv", true));
        r.informational();
        r.rejectUnknown();
        return c;
    }

    /** This config as a diffusers-style JSON object (for writing {@code config.json} next to trained weights). */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("_class_name", "AutoencoderKL");
        m.put("act_fn", actFn);
        m.put("block_out_channels", new ArrayList<>(blockOutChannels));
        m.put("down_block_types", new ArrayList<>(downBlockTypes));
        m.put("in_channels", inChannels);
        m.put("latent_channels", latentChannels);
        m.put("layers_per_block", layersPerBlock);
        m.put("mid_block_add_attention", true);
        m.put("norm_num_groups", normNumGroups);
        m.put("out_channels", outChannels);
        m.put("sample_size", sampleSize);
        m.put("scaling_factor", scalingFactor);
        m.put("shift_factor", shiftFactor == 0.0 ? null : shiftFactor);
        m.put("up_block_types", new ArrayList<>(upBlockTypes));
        m.put("use_post_quant_conv", usePostQuantConv);
        m.put("use_quant_conv", useQuantConv);
        return m;
    }

    private static void positive(String key, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException(key + " must be positive, got " + v);
        }
    }

    private static void sameTypes(String key, List<String> types, String only, int levels) {
        if (types.size() != levels) {
            throw new IllegalArgumentException(key + " has " + types.size() + " entries but block_out_channels has "
                    + levels);
        }
        for (int i = 0; i < types.size(); i++) {
            if (!only.equals(types.get(i))) {
                throw new IllegalArgumentException(key + "[" + i + "] '" + types.get(i) + "' is not supported (only '"
                        + only + "')");
            }
        }
    }
}
