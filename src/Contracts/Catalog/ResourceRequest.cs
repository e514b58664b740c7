using System.Globalization;
using Platform.Contracts.Grains;
using Platform.Contracts.Validation;

namespace Platform.Contracts.Catalog;

/// <summary>
/// What a run or sweep asks of a worker, as written (<c>resources: {gpu: 0.25, cpu: 1, gpu_memory_gb: 2}</c> in a sweep file,
/// <c>"resources"</c> in <c>POST runs</c>, <c>--resources gpu=0.25,cpu=1</c> on the command line), checked into
/// <see cref="ResourceNeeds"/>. Keys left out keep the assignment's default (<see cref="AssignmentDescriptor.DefaultNeeds"/>).
/// </summary>
public static class ResourceRequest
{
    public const string Cpu = "cpu";
    public const string Gpu = "gpu";
    public const string GpuMemoryGb = "gpu_memory_gb";
    public static readonly IReadOnlyList<string> Keys = [Cpu, Gpu, GpuMemoryGb];

    public const int MaxCpu = 1024;
    public const int MaxGpus = 16;
    public const double MaxGpuMemoryGb = 1024;

    /// <summary>
    /// The needs for <paramref name="values"/> over <paramref name="defaults"/>; each problem is reported at
    /// <c>resources.key</c> (with the line <paramref name="lineOf"/> gives, for a sweep file).
    /// </summary>
    public static ResourceNeeds Resolve(
        IReadOnlyDictionary<string, string> values, ResourceNeeds defaults, List<ValidationError> errors, Func<string, int?>? lineOf = null)
    {
        var needs = defaults;
        foreach (var (key, text) in values)
        {
            var path = $"resources.{key}";
            var line = lineOf?.Invoke(key);
            if (!Keys.Contains(key))
            {
                errors.Add(new ValidationError(path, $"unknown key '{key}' (allowed: {string.Join(", ", Keys)})", line));
                continue;
            }

            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            {
                errors.Add(new ValidationError(path, $"expected a number, got '{text}'", line));
                continue;
            }

            switch (key)
            {
                case Cpu when value != Math.Floor(value) || value is < 1 or > MaxCpu:
                    errors.Add(new ValidationError(path, $"must be a whole number of CPU slots in [1, {MaxCpu}], got {text}", line));
                    break;
                case Cpu:
                    needs = needs with { CpuSlots = (int)value };
                    break;
                case Gpu when value < 0 || value > MaxGpus || (value > 1 && value != Math.Floor(value)):
                    // A trial shares one device or owns whole ones: 1.5 GPUs cannot be packed without splitting a process.
                    errors.Add(new ValidationError(path, $"must be a fraction of one GPU in [0, 1] or a whole number up to {MaxGpus}, got {text}", line));
                    break;
                case Gpu:
                    needs = needs with { Gpus = value };
                    break;
                case GpuMemoryGb when value is < 0 or > MaxGpuMemoryGb:
                    errors.Add(new ValidationError(path, $"must be in [0, {MaxGpuMemoryGb}] GB, got {text}", line));
                    break;
                case GpuMemoryGb:
                    needs = needs with { GpuMemoryMiB = (long)Math.Ceiling(value * 1024) };
                    break;
            }
        }

        if (needs.GpuMemoryMiB > 0 && needs.Gpus == 0 && values.ContainsKey(GpuMemoryGb))
        {
            errors.Add(new ValidationError($"resources.{GpuMemoryGb}", "GPU memory needs a GPU: set gpu too", lineOf?.Invoke(GpuMemoryGb)));
        }

        return needs;
    }

    /// <summary>Resolves or throws <see cref="PlatformValidationException"/> with every problem.</summary>
    public static ResourceNeeds Resolve(IReadOnlyDictionary<string, string>? values, AssignmentDescriptor assignment)
    {
        if (values is null || values.Count == 0)
        {
            return assignment.DefaultNeeds;
        }

        var errors = new List<ValidationError>();
        var needs = Resolve(values, assignment.DefaultNeeds, errors);
        return errors.Count > 0 ? throw new PlatformValidationException(errors) : needs;
    }
}
