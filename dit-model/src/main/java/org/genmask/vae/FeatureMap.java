package org.genmask.vae;

import org.nd4j.autodiff.samediff.SDVariable;

/** A graph tensor {@code [N, channels, height, width]} (batch left dynamic) with its static sizes. */
record FeatureMap(SDVariable v, int channels, int height, int width) {
}
