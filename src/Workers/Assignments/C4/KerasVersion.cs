namespace Platform.Workers.Assignments.C4;

/// <summary>The Keras a notebook ran (spec §0.1), where it changes a run's numbers.</summary>
public enum KerasVersion
{
    /// <summary>
    /// 2017: Keras 2.0 on TensorFlow 1. Adam's ε is 1e-8; categorical cross-entropy clips the probabilities
    /// (<see cref="Objective.ClippedSoftmaxCrossEntropy"/>); <c>glorot_uniform(seed=0)</c> draws every kernel from the same
    /// TF1 stream (<see cref="GlorotUniform.InitializeAsKeras20"/>).
    /// </summary>
    Keras20,

    /// <summary>2021: TF2's Keras. Adam's ε is 1e-7 (K.epsilon(), Keras' default since 2.1.3); the loss takes the logits.</summary>
    Tf2,
}

public static class KerasVersions
{
    /// <summary>Adam's default ε; both versions add it to √v before the bias correction (<see cref="Torch.AdamForm.TensorFlow"/>).</summary>
    public static double AdamEpsilon(this KerasVersion version) => version == KerasVersion.Keras20 ? 1e-8 : 1e-7;

    /// <summary>Dense(C, softmax) with categorical_crossentropy as this version computes it.</summary>
    public static Objective SoftmaxCrossEntropy(this KerasVersion version) =>
        version == KerasVersion.Keras20 ? Objective.ClippedSoftmaxCrossEntropy : Objective.SoftmaxCrossEntropy;
}
