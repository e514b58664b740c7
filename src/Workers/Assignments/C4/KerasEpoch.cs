using Platform.Workers.Jobs;

namespace Platform.Workers.Assignments.C4;

/// <summary>One epoch as Keras' fit reports it (spec §0.5): step = epoch from 1.</summary>
public sealed record KerasEpoch(int Epoch, double Loss, double TrainAccuracy, double ValLoss, double ValAccuracy)
{
    public void LogTo(IMetricSink metrics)
    {
        metrics.Log("loss", Loss, Epoch);
        metrics.Log("train_accuracy", TrainAccuracy, Epoch);
        metrics.Log("val_loss", ValLoss, Epoch);
        metrics.Log("val_accuracy", ValAccuracy, Epoch);
    }
}
