package org.genmask.dit;

/** The two tasks one GenMask DiT serves. Each has its own path through the shared weights (a name scope). */
public enum Task {
    /** Text (or class label) -> image latent. */
    GENERATION("gen"),
    /** Image latent + referring text -> mask latent; the clean image enters as extra tokens at timestep 0. */
    SEGMENTATION("seg");

    private final String scope;

    Task(String scope) {
        this.scope = scope;
    }

    /** The name scope of this task's path in the graph ({@code gen/...}, {@code seg/...}). */
    public String scope() {
        return scope;
    }
}
