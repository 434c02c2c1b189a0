package org.genmask.dit;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The DiT of Peebles and Xie ({@code models.py}) with GenMask's extensions, as modules over one {@link StateDict}.
 * {@link #forward} builds one task's path; paths share every weight.
 *
 * <p>Intermediate outputs carry the names of the reference golden files under the path's scope:
 * {@code patch_embed, x_embed, t_emb, y_emb, c, blocks.i, final_layer, output}.
 */
final class DiT {

    /** A path's symbolic inputs; {@code cond} is null for image generation, {@code label} or {@code text} is null. */
    record Inputs(SDVariable x, SDVariable s, SDVariable label, SDVariable text, SDVariable textMask,
                  SDVariable cond) {
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

    /** One task's forward pass; returns the prediction [B, out_channels, H, W] named {@code scope/output}. */
    SDVariable forward(String scope, Inputs in) {
        SameDiff sd = in.x().getSameDiff();
        int d = config.hiddenSize();
        int t = config.numPatches();
        String p = scope + "/";
        SDVariable x = xEmbedder.forward(p + "patch_embed", in.x());                       // [B, T, D]
        x = x.add(p + "x_embed", posEmbed);                                                 // [B, T, D]
        SDVariable tEmb = tEmbedder.forward(p + "t_emb", in.s().mul(config.timestepScale())); // [B, D]

        SDVariable condition;                                                               // [B, D]
        TextEmbedder.Features text = null;
        if (textEmbedder != null) {
            text = textEmbedder.forward(p + "text", in.text(), in.textMask());
            condition = text.pooled();
        } else {
            condition = yEmbedder.forward(p + "y_emb", in.label());
        }
        SDVariable c = tEmb.add(p + "c", condition);                                        // [B, D]

        int n = t;
        int groups = 1;
        SDVariable tokenGroups = null;
        SDVariable cTarget = c.reshape(-1, 1, d);                                           // [B, 1, D]
        SDVariable cGroups = cTarget;
        if (in.cond() != null) {
            // clean condition-image tokens beside the noisy target tokens, at timestep s = 0
            SDVariable condTokens = xEmbedder.forward(p + "cond_embed", in.cond()).add(posEmbed); // [B, T, D]
            x = sd.concat(1, x, condTokens);                                                // [B, 2T, D]
            SDVariable zero = sd.constant(Nd4j.zeros(DataType.FLOAT, 1));                  // [1]: s = 0
            SDVariable tZero = tEmbedder.forward(p + "t_emb_clean", zero);                  // [1, D]
            SDVariable cClean = tZero.add(condition).reshape(-1, 1, d);                    // [B, 1, D]
            cGroups = sd.concat(p + "c_groups", 1, cGroups, cClean);                       // [B, 2, D]
            n = 2 * t;
            groups = 2;
            tokenGroups = sd.constant(p + "token_groups", tokenGroupOneHot(t));            // [2T, 2]
        }
        int textLength = config.text() == null ? 0 : config.text().maxLength();
        for (int i = 0; i < blocks.size(); i++) {
            x = blocks.get(i).forward(p + "blocks." + i, x, n, cGroups, groups, tokenGroups, text, textLength);
        }
        if (in.cond() != null) {
            x = sd.split(x, 2, 1)[0];                                                      // [B, T, D] targets only
        }
        SDVariable out = finalLayer.forward(p + "final_layer", x, t, cTarget);              // [B, T, p*p*out]
        return Patchify.unpatchify(p + "output", out, config.outChannels(), config.inputSize(),
                config.patchSize());                                                        // [B, out, H, W]
    }

    /** Token i < T is a target token (group 0), the rest are condition tokens (group 1): one-hot [2T, 2]. */
    private static INDArray tokenGroupOneHot(int t) {
        float[][] oneHot = new float[2 * t][2];
        for (int i = 0; i < 2 * t; i++) {
            oneHot[i][i < t ? 0 : 1] = 1f;
        }
        return Nd4j.createFromArray(oneHot);
    }
}
