package org.genmask.dit;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The DiT of Peebles and Xie ({@code models.py}) with GenMask's extensions, as modules over one {@link StateDict}.
 * {@link #forward} builds one task's path; paths share every weight.
 *
 * <p>Intermediate outputs carry the names of the reference golden files under the path's scope:
 * {@code patch_embed, x_embed, t_emb, y_emb, c, blocks.i, final_layer, output}.
 */
final class DiT {

    /**
     * A path's symbolic inputs; {@code cond} is null for image generation, {@code label} or {@code text} is null.
     * {@code tokenRows} is the one-hot [B, n, K] of {@link TokenRows} for all n tokens of a sample, {@code targetRows}
     * the same for the T target tokens alone ([B, T, 1]; the same map when there are no condition tokens).
     */
    record Inputs(SDVariable x, SDVariable s, SDVariable label, SDVariable text, SDVariable textMask,
                  SDVariable cond, SDVariable tokenRows, SDVariable targetRows) {
    }

    private final DiTConfig config;
    private final PatchEmbed xEmbedder;
    private final TimestepEmbedder tEmbedder;
    private final LabelEmbedder yEmbedder;
    private final TextEmbedder textEmbedder;
    private final SDVariable posEmbed;     // [1, T, D] fixed
    private final List<DiTBlock> blocks = new ArrayList<>();
    private final FinalLayer finalLayer;

    DiT(StateDict params, DiTConfig config) {
        this.config = config;
        int d = config.hiddenSize();
        int grid = config.inputSize() / config.patchSize();
        // state-dict order of the reference: pos_embed, x_embedder, t_embedder, y_embedder, blocks, final_layer
        this.posEmbed = params.buffer("pos_embed", PosEmbed2D.table(d, grid).reshape(1, (long) grid * grid, d));
        this.xEmbedder = new PatchEmbed(params, "x_embedder.proj", config.inChannels(), config.inputSize(),
                config.patchSize(), d);
        this.tEmbedder = new TimestepEmbedder(params, "t_embedder", d);
        this.yEmbedder = config.numClasses() > 0
                ? new LabelEmbedder(params, "y_embedder", config.numClasses(), config.classDropoutProb() > 0, d)
                : null;
        this.textEmbedder = config.text() != null ? new TextEmbedder(params, "text_embedder", config.text(), d)
                : null;
        for (int i = 0; i < config.depth(); i++) {
            blocks.add(new DiTBlock(params, "blocks." + i, config));
        }
        this.finalLayer = new FinalLayer(params, "final_layer", d, config.patchSize(), config.outChannels());
    }

    /**
     * One task's forward pass; returns the prediction [B, out_channels, H, W] named {@code scope/output}. Tokens travel
     * as rows [B*n, D] ({@link TokenRows}); the named intermediates are the same values as [B, n, D].
     */
    SDVariable forward(String scope, Inputs in) {
        SameDiff sd = in.x().getSameDiff();
        int d = config.hiddenSize();
        int t = config.numPatches();
        String p = scope + "/";
        SDVariable x = xEmbedder.forward(p + "patch_embed", in.x());                       // [B, T, D]
        x = x.add(p + "x_embed", posEmbed);                                                 // [B, T, D]
        SDVariable tEmb = tEmbedder.forward(p + "t_emb", in.s().mul(config.timestepScale())); // [B, D]

        TextEmbedder.Features text = textFeatures(p, in.text(), in.textMask());            // null: class-conditional
        SDVariable condition = condition(p, text, in.label());                              // [B, D]
        SDVariable c = tEmb.add(p + "c", condition);                                        // [B, D]

        int n = t;
        int groups = 1;
        SDVariable cGroups = c;                                                             // [B*K, D]
        SDVariable selfBias = null;                                                         // every token sees all
        if (in.cond() != null) {
            // clean condition-image tokens beside the noisy target tokens, at timestep s = 0
            SDVariable condTokens = xEmbedder.forward(p + "cond_embed", in.cond()).add(posEmbed); // [B, T, D]
            x = sd.concat(1, x, condTokens);                                                // [B, 2T, D]
            SDVariable zero = sd.constant(Nd4j.zeros(DataType.FLOAT, 1));                  // [1]: s = 0
            SDVariable tZero = tEmbedder.forward(p + "t_emb_clean", zero);                  // [1, D]
            SDVariable cClean = tZero.add(condition);                                       // [B, D]
            cGroups = sd.concat(p + "c_groups", 1, c.reshape(-1, 1, d), cClean.reshape(-1, 1, d)) // [B, 2, D]
                    .reshape(-1, d);                                                        // [B*2, D]
            n = 2 * t;
            groups = 2;
            if (config.condAlignBias() > 0) {
                selfBias = sd.constant(p + "cond_align_bias", PackedBatch.conditionAlignment(config.numHeads(), t,
                        (float) config.condAlignBias()));                                   // [1, H, 2T, 2T]
            }
        }
        x = x.reshape(-1, d);                                                               // [B*n, D] rows
        int textLength = config.text() == null ? 0 : config.text().maxLength();
        for (int i = 0; i < blocks.size(); i++) {
            x = blocks.get(i).forward(p + "blocks." + i, x, n, cGroups, groups, in.tokenRows(), selfBias,
                    text == null ? null : text.context(), textLength, text == null ? null : text.contextBias());
            sd.reshape(p + "blocks." + i, x, -1, n, d);                                    // [B, n, D] (inspection)
        }
        if (in.cond() != null) {
            x = sd.split(x.reshape(-1, n, d), 2, 1)[0].reshape(-1, d);                     // [B*T, D] targets only
        }
        SDVariable out = finalLayer.forward(p + "final_layer", x, t, c, 1, in.targetRows()); // [B*T, p*p*out]
        int features = config.patchSize() * config.patchSize() * config.outChannels();
        sd.reshape(p + "final_layer", out, -1, t, features);                              // [B, T, p*p*out]
        return Patchify.unpatchify(p + "output", out, config.outChannels(), config.inputSize(),
                config.patchSize());                                                        // [B, out, H, W]
    }

    /** The placeholders of {@link #forwardPacked}, in the layout of {@link PackedBatch}. */
    record PackedInputs(SDVariable latents, SDVariable s, SDVariable label, SDVariable text, SDVariable textMask,
                        SDVariable tokenRows, SDVariable selfBias, SDVariable crossBias) {
    }

    /**
     * Both tasks in one pass ({@link PackedBatch}): 2B' blocks of T tokens, paired into B' sequences of 2T tokens;
     * returns the prediction of every block [2B', out, H, W] (condition blocks' predictions carry no loss).
     */
    SDVariable forwardPacked(String scope, PackedInputs in) {
        int d = config.hiddenSize();
        int t = config.numPatches();
        String p = scope + "/";
        SDVariable x = xEmbedder.forward(p + "patch_embed", in.latents());                 // [2B', T, D]
        x = x.add(posEmbed).reshape(-1, d);                                                 // [B'*2T, D] rows
        SDVariable tEmb = tEmbedder.forward(p + "t_emb", in.s().mul(config.timestepScale())); // [2B', D]
        TextEmbedder.Features text = textFeatures(p, in.text(), in.textMask());            // null: class-conditional
        SDVariable c = tEmb.add(p + "c", condition(p, text, in.label()));                   // [2B', D] = [B'*2, D]
        SDVariable context = text == null ? null : text.context();                          // [B'*2L, D] rows
        int contextLength = text == null ? 0 : 2 * config.text().maxLength();
        for (int i = 0; i < blocks.size(); i++) {
            x = blocks.get(i).forward(p + "blocks." + i, x, 2 * t, c, 2, in.tokenRows(), in.selfBias(),
                    context, contextLength, in.crossBias());                                // [B'*2T, D]
        }
        SDVariable out = finalLayer.forward(p + "final_layer", x, 2 * t, c, 2, in.tokenRows()); // [B'*2T, p*p*out]
        int features = config.patchSize() * config.patchSize() * config.outChannels();
        return Patchify.unpatchify(p + "output", out.reshape(-1, t, features), config.outChannels(),
                config.inputSize(), config.patchSize());                                    // [2B', out, H, W]
    }

    /** The text encoder's features of one path, or null for a class-conditional DiT. */
    private TextEmbedder.Features textFeatures(String p, SDVariable text, SDVariable textMask) {
        return textEmbedder == null ? null : textEmbedder.forward(p + "text", text, textMask);
    }

    /** The condition added to the timestep embedding: the pooled text, or the label embedding. [B, D] */
    private SDVariable condition(String p, TextEmbedder.Features text, SDVariable label) {
        return text != null ? text.pooled() : yEmbedder.forward(p + "y_emb", label);
    }
}
