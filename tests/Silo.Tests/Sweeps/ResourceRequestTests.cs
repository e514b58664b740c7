using Platform.Contracts.Catalog;
using Platform.Contracts.Catalog.Assignments;
using Platform.Contracts.Grains;
using Platform.Contracts.Sweeps;
using Platform.Contracts.Validation;

namespace Platform.Silo.Tests.Sweeps;

/// <summary>What trials need: the assignment's default, a sweep file's <c>resources:</c> block, checked with line and path.</summary>
public sealed class ResourceRequestTests
{
    [Fact]
    public void Trials_need_one_cpu_slot_by_default_and_the_heavy_convolutional_models_two()
    {
        Assert.Equal(ResourceNeeds.CpuOnly, SweepPlanner.Plan(Sleeps("")).Needs);
        Assert.Equal(ResourceNeeds.CpuOnly, AssignmentCatalog.Get("c2w1-initialization").DefaultNeeds);
        Assert.Equal(2, AssignmentCatalog.Get(C4W2ResNet50.Id).DefaultNeeds.CpuSlots);
    }

    [Fact]
    public void A_resources_block_sets_the_needs_of_every_trial_over_the_defaults()
    {
        var plan = SweepPlanner.Plan(Sleeps("resources: {gpu: 0.25, gpu_memory_gb: 2}"));

        Assert.Equal(new ResourceNeeds(CpuSlots: 1, Gpus: 0.25, GpuMemoryMiB: 2048), plan.Needs);
    }

    [Fact]
    public void Bad_resources_are_refused_with_their_line_and_path()
    {
        var values = Assert.Throws<PlatformValidationException>(() => SweepPlanner.Plan(Sleeps("""
            resources:
              gpu: 1.5
              cpu: 0
            """)));
        var key = Assert.Throws<PlatformValidationException>(() => SweepPlanner.Plan(Sleeps("resources: {disk: 3}")));

        Assert.Equal(
        [
            "line 6: resources.gpu: must be a fraction of one GPU in [0, 1] or a whole number up to 16, got 1.5",
            "line 7: resources.cpu: must be a whole number of CPU slots in [1, 1024], got 0",
        ], values.Errors.Select(e => e.ToString()));
        Assert.Equal("line 5: resources.disk: unknown key 'disk' (allowed: cpu, gpu, gpu_memory_gb)", Assert.Single(key.Errors).ToString());
    }

    [Fact]
    public void Gpu_memory_without_a_gpu_is_refused()
    {
        var error = Assert.Throws<PlatformValidationException>(() =>
            ResourceRequest.Resolve(new Dictionary<string, string> { ["gpu_memory_gb"] = "4" }, SleepAssignment.Descriptor));

        Assert.Equal("resources.gpu_memory_gb: GPU memory needs a GPU: set gpu too", Assert.Single(error.Errors).ToString());
    }

    private static string Sleeps(string resources) => $"""
        assignment: sleep
        method: grid
        parameters:
          slope: {"{"}values: [0.1, 0.2]{"}"}
        {resources}
        """;
}
