namespace Platform.Workers.Torch;

/// <summary>
/// Where Adam adds ε. The two forms are the same update up to ε, which the TensorFlow form weighs 1/√(1-β₂ᵗ) times more
/// (31.6 times at t = 1, about 1.3 at t = 1000): it matters where √v̂ is within a few ε, so a run reproducing a
/// notebook uses its library's form.
/// </summary>
public enum AdamForm
{
    /// <summary><c>torch.optim.Adam</c>: p ← p - (lr/(1-β₁ᵗ))·m/(√v/√(1-β₂ᵗ) + ε), ε after the bias correction.</summary>
    Torch,

    /// <summary>
    /// TensorFlow's ApplyAdam kernel, TF1's AdamOptimizer, Keras 2.0's Adam (its own code) and TF2 Keras' Adam:
    /// p ← p - lr·√(1-β₂ᵗ)/(1-β₁ᵗ)·m/(√v + ε), ε before the bias correction ("ε hat" in Kingma and Ba).
    /// </summary>
    TensorFlow,
}
