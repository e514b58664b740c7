using Platform.Workers.Assignments.C2W3SignsMlp;
using Platform.Workers.Data;
using Platform.Workers.Jobs;
using Platform.Workers.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Workers.Assignments.C4;

/// <summary>
/// The SIGNS classifiers' run (c4w1-signs-convnet, c4w2-resnet50): train on the JPEG stand-in (read as c2w3-signs-mlp reads
/// it), shuffled per epoch by the numpy seed counter from 3 (the 2017 notebook's s0), with the test set as validation;
/// per-epoch Keras metrics, then test_accuracy as the notebooks' <c>model.evaluate(X_test, Y_test)</c> gives it (Keras'
/// default batch of 32, whatever the training batch size: with batch-statistics BatchNorm the batches matter).
/// </summary>
public static class SignsKerasFit
{
    public const uint MiniBatchSeed = 3;

    /// <param name="createModel">Called after libtorch is loaded.</param>
    public static void Run(JobContext context, KerasVersion keras, Func<nn.Module<Tensor, Tensor>> createModel, double learningRate, int epochs, int batchSize)
    {
        var (trainSet, testSet) = ReadSigns(context.Data, context.Device);
        using var train = trainSet;
        using var test = testSet;
        using var model = createModel();
        model.to(train.Images.device);

        var objective = keras.SoftmaxCrossEntropy();
        KerasFit.Run(model, keras, objective, train, test, learningRate, epochs, batchSize, MiniBatchSeed,
            epoch => epoch.LogTo(context.Metrics), context.Cancellation);
        var (_, testAccuracy) = KerasFit.Evaluate(model, objective, test, KerasFit.EvaluateBatchSize);
        context.Metrics.Log("test_accuracy", testAccuracy, epochs);
    }

    /// <summary>
    /// The SIGNS training stand-in (read as c2w3-signs-mlp reads it) and test set, as (m, 3, 64, 64) float32 /255 on
    /// <paramref name="device"/>; the files are read and checked before libtorch is loaded.
    /// </summary>
    public static (LabelledImages Train, LabelledImages Test) ReadSigns(DataDirectory data, string device)
    {
        var test = C2W3SignsMlpJob.ReadTestSet(data);
        var train = C2W3SignsMlpJob.ReadTrainSet(data);

        TorchRuntime.EnsureInitialized();
        var on = torch.device(device);
        return (LabelledImages.ForClasses(train.Pixels, train.Labels, train.Height, train.Width, on), LabelledImages.ForClasses(test, on));
    }
}
