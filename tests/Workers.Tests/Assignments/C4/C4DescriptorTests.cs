using Platform.Contracts.Catalog;
using Platform.Workers.Jobs;

namespace Platform.Workers.Tests.Assignments.C4;

public sealed class C4DescriptorTests
{
    private static readonly string[] KerasMetrics = ["loss", "train_accuracy", "val_loss", "val_accuracy", "test_accuracy"];

    public static TheoryData<string, string[]> C4Ids => new()
    {
        { "c4w1-signs-convnet", [.. KerasMetrics, "cost"] }, // cost: the 2017 (TF1) notebook's per-epoch metric
        { "c4w2-happy-house", KerasMetrics },
        { "c4w2-resnet50", KerasMetrics },
    };

    [Theory]
    [MemberData(nameof(C4Ids))]
    public void Each_default_is_canonical_and_the_job_uses_the_catalogs_descriptor(string id, string[] metricKeys)
    {
        var descriptor = AssignmentCatalog.Get(id);

        foreach (var parameter in descriptor.Hyperparameters)
        {
            Assert.True(HyperparameterBinder.TryCanonicalize(parameter, parameter.Default, out var canonical, out var error), $"{parameter.Name}: {error}");
            Assert.Equal(parameter.Default, canonical);
        }

        Assert.Same(descriptor, JobRegistry.Find(id)!.Descriptor);
        Assert.Equal(metricKeys, descriptor.MetricKeys);
    }
}
