using Platform.Contracts.Catalog;
using Platform.Workers.Jobs;

namespace Platform.Workers.Tests.Assignments.C4;

public sealed class C4DescriptorTests
{
    public static TheoryData<string> C4Ids => new() { "c4w1-signs-convnet", "c4w2-happy-house", "c4w2-resnet50" };

    [Theory]
    [MemberData(nameof(C4Ids))]
    public void Each_default_is_canonical_and_the_job_uses_the_catalogs_descriptor(string id)
    {
        var descriptor = AssignmentCatalog.Get(id);

        foreach (var parameter in descriptor.Hyperparameters)
        {
            Assert.True(HyperparameterBinder.TryCanonicalize(parameter, parameter.Default, out var canonical, out var error), $"{parameter.Name}: {error}");
            Assert.Equal(parameter.Default, canonical);
        }

        Assert.Same(descriptor, JobRegistry.Find(id)!.Descriptor);
        Assert.Equal(["loss", "train_accuracy", "val_loss", "val_accuracy", "test_accuracy"], descriptor.MetricKeys);
    }
}
