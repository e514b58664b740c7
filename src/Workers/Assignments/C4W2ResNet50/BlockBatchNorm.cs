namespace Platform.Workers.Assignments.C4W2ResNet50;

/// <summary>
/// Which statistics the residual blocks' BatchNormalization layers normalise with when the model is evaluated (spec §14).
/// The two notebooks differ here, and the difference decides the test accuracy.
/// </summary>
public enum BlockBatchNorm
{
    /// <summary>
    /// 2017 notebook (Keras 2.0): the blocks call <c>BatchNormalization(axis=3)(X)</c>, which follows the learning phase:
    /// batch statistics in fit, moving statistics in evaluate and predict. The stem's BatchNormalization always does this.
    /// </summary>
    FollowModelMode,

    /// <summary>
    /// 2021 notebook (TF2): <c>identity_block(X, f, filters, training=True)</c> and <c>convolutional_block(..., training=True)</c>
    /// call <c>BatchNormalization(axis=3)(X, training=training)</c>, and <c>ResNet50()</c> builds them without a training
    /// argument. A training value passed explicitly while a functional model is built is kept in its graph, so every
    /// block normalises with the batch's own statistics in evaluate and predict too (Keras evaluates in batches of 32),
    /// and keeps updating its moving statistics, which nothing reads. Only the stem's BatchNormalization uses moving
    /// statistics at evaluation. Evaluating the blocks on moving statistics instead gives near-chance test accuracy
    /// after the notebook's 10 epochs at lr 0.00015 (bench/RESULTS.md).
    /// </summary>
    AlwaysBatchStatistics,
}
