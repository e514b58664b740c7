using System.Diagnostics;
using System.Globalization;
using Platform.Contracts.Grains;

namespace Platform.Workers.Agent;

/// <summary>
/// The GPUs a worker advertises: configured (<c>Worker:Gpus</c>, <c>platform up --gpus 0:16384,1:16384</c>), or detected
/// when the worker trains on CUDA and none are configured. Configured lists also stand in for GPUs in tests (simulated devices).
/// </summary>
public static class GpuInventory
{
    /// <summary>
    /// <c>INDEX:MEMORY_MIB</c> entries separated by commas (<c>0:16384,1:16384</c>). Throws <see cref="FormatException"/>
    /// naming the bad entry.
    /// </summary>
    public static List<GpuDevice> Parse(string text)
    {
        var devices = new List<GpuDevice>();
        foreach (var entry in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = entry.Split(':');
            if (parts.Length != 2
                || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var memory))
            {
                throw new FormatException($"expected INDEX:MEMORY_MIB (e.g. 0:16384), got '{entry}'");
            }

            devices.Add(new GpuDevice(index, memory));
        }

        return devices;
    }

    /// <summary>What the worker advertises: the configured devices, else (training on CUDA) the detected ones, else none.</summary>
    public static IReadOnlyList<GpuDevice> Resolve(WorkerAgentOptions options) =>
        options.Gpus.Count > 0 ? options.Gpus
        : options.Device.StartsWith("cuda", StringComparison.Ordinal) ? Detect()
        : [];

    /// <summary>
    /// The machine's GPUs with their memory from <c>nvidia-smi</c>; without it, torch.cuda's device count (memory unknown, 0:
    /// only trials that ask for no GPU memory are placed there).
    /// </summary>
    public static IReadOnlyList<GpuDevice> Detect()
    {
        try
        {
            var start = new ProcessStartInfo("nvidia-smi", "--query-gpu=index,memory.total --format=csv,noheader,nounits")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit(10_000);
            if (process.ExitCode == 0 && ParseNvidiaSmi(output) is { Count: > 0 } devices)
            {
                return devices;
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No nvidia-smi on this machine: ask libtorch.
        }

        Torch.TorchRuntime.EnsureInitialized();
        return TorchSharp.torch.cuda.is_available()
            ? Enumerable.Range(0, TorchSharp.torch.cuda.device_count()).Select(i => new GpuDevice(i, 0)).ToArray()
            : [];
    }

    /// <summary>Lines of "index, memory.total" in MiB, as <c>nvidia-smi --format=csv,noheader,nounits</c> prints them.</summary>
    public static IReadOnlyList<GpuDevice> ParseNvidiaSmi(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(',', StringSplitOptions.TrimEntries))
            .Where(p => p.Length == 2 && int.TryParse(p[0], CultureInfo.InvariantCulture, out _) && long.TryParse(p[1], CultureInfo.InvariantCulture, out _))
            .Select(p => new GpuDevice(int.Parse(p[0], CultureInfo.InvariantCulture), long.Parse(p[1], CultureInfo.InvariantCulture)))
            .ToArray();

    /// <summary>
    /// The TorchSharp device a trial trains on: its grant's first GPU (<c>cuda:N</c>), <c>cpu</c> for a CPU-only grant (the
    /// GPUs are other trials'), and the worker's configured device when the scheduler placed it without a capacity.
    /// </summary>
    public static string DeviceFor(ResourceGrant? grant, string configuredDevice) =>
        grant is null ? configuredDevice
        : grant.Gpus.Count > 0 ? $"cuda:{grant.Gpus[0].DeviceIndex}"
        : "cpu";
}
