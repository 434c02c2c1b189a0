package org.genmask.dit;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * GenMask's text conditioning: token ids (or precomputed per-token embeddings, projected in) plus a learned position
 * embedding, a small pre-LN transformer encoder, then (a) per-token context for the blocks' cross-attention,
 * projected to the DiT width, and (b) a pooled vector (mean over real tokens) through a SiLU MLP whose last layer
 * starts at zero, added to the adaLN conditioning.
 */
final class TextEmbedder {

    /** What the DiT blocks consume: context rows [B*L, D], its key bias [B, 1, 1, L], the pooled vector [B, D]. */
    record Features(SDVariable context, SDVariable contextBias, SDVariable pooled) {
    }

    private final TextConfig config;
    private final SDVariable tokenEmbedding;    // [V, W] (TOKENS mode)
    private final Linear inputProj;             // E -> W (EMBEDDINGS mode)
    private final SDVariable positionEmbedding; // [1, L, W]
    private final List<TextEncoderLayer> layers = new ArrayList<>();
    private final LayerNorm finalNorm;
    private final Linear contextProj;
    private final Linear pooledLinear1;
    private final Linear pooledLinear2;

    TextEmbedder(StateDict params, String prefix, TextConfig config, int dim) {
        this.config = config;
        int w = config.width();
        if (config.mode() == TextConfig.Mode.TOKENS) {
            this.tokenEmbedding = params.param(prefix + ".token_embedding.weight", StateDict.Init.NORMAL_002,
                    config.vocabSize(), w);
            this.inputProj = null;
        } else {
            this.tokenEmbedding = null;
            this.inputProj = new Linear(params, prefix + ".input_proj", config.embedWidth(), w);
        }
        this.positionEmbedding = params.param(prefix + ".position_embedding", StateDict.Init.NORMAL_002, 1,
                config.maxLength(), w);
        for (int j = 0; j < config.depth(); j++) {
            layers.add(new TextEncoderLayer(params, prefix + ".layers." + j, w, config.numHeads()));
        }
        this.finalNorm = new LayerNorm(params, prefix + ".final_norm", w, 1e-6);
        this.contextProj = new Linear(params, prefix + ".context_proj", w, dim);
        this.pooledLinear1 = new Linear(params, prefix + ".pooled_proj.linear_1", w, dim);
        this.pooledLinear2 = new Linear(params, prefix + ".pooled_proj.linear_2", dim, dim, StateDict.Init.ZEROS,
                StateDict.Init.ZEROS);
    }

    /**
     * @param text ids [B, L] (INT32) in TOKENS mode, embeddings [B, L, E] in EMBEDDINGS mode
     * @param mask [B, L]: 1 for a real token, 0 for padding; every row has at least one real token
     */
    Features forward(String name, SDVariable text, SDVariable mask) {
        SameDiff sd = text.getSameDiff();
        int length = config.maxLength();
        int w = config.width();
        SDVariable h;                                                                  // [B, L, W]
        if (tokenEmbedding != null) {
            h = EmbeddingLookup.lookup(tokenEmbedding, text, config.vocabSize())      // [B*L, W]
                    .reshape(-1, length, w);
        } else {
            h = inputProj.forward(name + "/input_proj", text.reshape(-1, config.embedWidth())) // [B*L, W]
                    .reshape(-1, length, w);
        }
        h = h.add(positionEmbedding).reshape(-1, w);                                   // [B*L, W] rows
        SDVariable keyBias = MultiHeadAttention.keyBias(mask, length);                 // [B, 1, 1, L]
        for (int j = 0; j < layers.size(); j++) {
            h = layers.get(j).forward(name + "/layers." + j, h, length, keyBias);     // [B*L, W]
        }
        h = finalNorm.forward(name + "/final_norm", h);                                // [B*L, W]
        SDVariable context = contextProj.forward(name + "/context", h);                // [B*L, D]
        SDVariable weights = mask.div(mask.sum(true, 1)).reshape(-1, length, 1);       // [B, L, 1]
        SDVariable mean = h.reshape(-1, length, w).mul(weights).sum(1);               // [B, W]
        SDVariable pooled = pooledLinear2.forward(name + "/pooled",
                sd.nn().swish(pooledLinear1.forward(name + "/pooled_1", mean)));      // [B, D]
        return new Features(context, keyBias, pooled);
    }
}
