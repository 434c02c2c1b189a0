package org.genmask.vae;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The AutoencoderKL training graph: encode, reparameterised sample {@code z = mean + exp(logvar / 2) * eps},
 * decode, and the loss {@code mean|x - x̂| + mean (x - x̂)² + klWeight * KL}, where KL is the mean over latent
 * elements of {@code ½(mean² + exp(logvar) - 1 - logvar)}. Parameters are trainable variables named by their
 * diffusers state-dict keys. {@code eps} is an input so that a step is deterministic given its inputs.
 */
final class VaeTrainingGraph {
    static final String IMAGE = AutoencoderKL.IMAGE;
    static final String EPS = "eps";
    static final String LOSS = "loss";
    static final String RECONSTRUCTION = "reconstruction_loss";
    static final String KL = "kl_loss";

    final SameDiff sd;
    final Map<String, long[]> parameters;

    /** {@code initial}: PyTorch-layout weights, e.g. from {@link VaeInitializer}. */
    VaeTrainingGraph(AutoencoderKLConfig config, Map<String, INDArray> initial, int imageSize, double klWeight) {
        Map<String, INDArray> graphWeights = new LinkedHashMap<>();
        initial.forEach((name, w) -> graphWeights.put(name, VaeLayers.toGraphLayout(w)));
        VaeLayers layers = new VaeLayers(SameDiff.create(), config.normNumGroups(), graphWeights);
        this.sd = layers.sd();
        int c = config.inChannels();
        int l = config.latentChannels();
        int s = imageSize / config.downsampleFactor();
        SDVariable image = sd.placeHolder(IMAGE, DataType.FLOAT, -1, c, imageSize, imageSize);
        SDVariable eps = sd.placeHolder(EPS, DataType.FLOAT, -1, l, s, s);
        SDVariable m = EncoderGraph.build(layers, config, new FeatureMap(image, c, imageSize, imageSize)).v(); // [N,2L,s,s]
        SDVariable mean = m.get(SDIndex.all(), SDIndex.interval(0, l), SDIndex.all(), SDIndex.all()); // -> [N,L,s,s]
        SDVariable logvar = sd.math().clipByValue(m.get(SDIndex.all(), SDIndex.interval(l, 2 * l), SDIndex.all(),
                SDIndex.all()), AutoencoderKL.LOGVAR_MIN, AutoencoderKL.LOGVAR_MAX); // -> [N,L,s,s]
        SDVariable z = mean.add(sd.math().exp(logvar.mul(0.5)).mul(eps)); // [N,L,s,s]
        SDVariable recon = DecoderGraph.build(layers, config, new FeatureMap(z, l, s, s)).v(); // [N,C,H,W]
        SDVariable diff = recon.sub(image); // [N,C,H,W]
        SDVariable rec = sd.mean(sd.math().abs(diff)).add(sd.mean(sd.math().square(diff))).rename(RECONSTRUCTION);
        SDVariable klTerms = sd.math().square(mean).add(sd.math().exp(logvar)).sub(1.0).sub(logvar); // [N,L,s,s]
        SDVariable kl = sd.mean(klTerms).mul(0.5).rename(KL);
        rec.add(kl.mul(klWeight)).rename(LOSS);
        sd.setLossVariables(LOSS);
        this.parameters = new LinkedHashMap<>(layers.declared());
    }

    /** Current parameter values (C-order copies in PyTorch layout), by state-dict name. */
    Map<String, INDArray> weights() {
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (String name : parameters.keySet()) {
            out.put(name, VaeLayers.toTorchLayout(sd.getArrForVarName(name)).dup('c'));
        }
        return out;
    }
}
