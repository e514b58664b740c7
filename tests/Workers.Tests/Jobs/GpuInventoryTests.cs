using Platform.Contracts.Grains;
using Platform.Workers.Agent;

namespace Platform.Workers.Tests.Jobs;

/// <summary>The GPUs a worker advertises and the device each trial's grant gives it (simulated devices: no GPU needed).</summary>
public sealed class GpuInventoryTests
{
    [Fact]
    public void A_configured_list_is_what_the_worker_advertises_even_on_cpu()
    {
        var options = new WorkerAgentOptions { Gpus = GpuInventory.Parse("0:16384, 1:8192"), ApiBaseAddress = new Uri("http://127.0.0.1:1") };

        Assert.Equal([new GpuDevice(0, 16384), new GpuDevice(1, 8192)], GpuInventory.Resolve(options));
        Assert.Empty(GpuInventory.Resolve(new WorkerAgentOptions()));
        Assert.Empty(options.Validate());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("0:lots")]
    [InlineData("a:100")]
    public void A_bad_entry_is_refused_by_name(string text)
    {
        var error = Assert.Throws<FormatException>(() => GpuInventory.Parse(text));

        Assert.Equal($"expected INDEX:MEMORY_MIB (e.g. 0:16384), got '{text}'", error.Message);
    }

    [Fact]
    public void Duplicate_device_indices_are_a_configuration_error()
    {
        var options = new WorkerAgentOptions { Gpus = GpuInventory.Parse("1:100,1:200"), ApiBaseAddress = new Uri("http://127.0.0.1:1") };

        Assert.Contains(options.Validate(), p => p.StartsWith("Worker:Gpus must list distinct device indices"));
    }

    [Fact]
    public void Nvidia_smi_lines_give_index_and_memory()
    {
        Assert.Equal([new GpuDevice(0, 81559), new GpuDevice(1, 81559)], GpuInventory.ParseNvidiaSmi("0, 81559\n1, 81559\n"));
    }

    [Fact]
    public void A_trial_trains_on_the_device_its_grant_names()
    {
        var onSecondGpu = new ResourceGrant("w", 1, [new GpuShare(1, 0.25, 1024)]);
        var cpuOnly = new ResourceGrant("w", 1, []);

        Assert.Equal("cuda:1", GpuInventory.DeviceFor(onSecondGpu, "cpu"));
        Assert.Equal("cpu", GpuInventory.DeviceFor(cpuOnly, "cuda"));
        Assert.Equal("cuda:0", GpuInventory.DeviceFor(null, "cuda:0")); // placed without a capacity: the configured device
    }
}
