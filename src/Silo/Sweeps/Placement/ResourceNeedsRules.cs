using Platform.Contracts.Grains;

namespace Platform.Silo.Sweeps.Placement;

/// <summary>Which <see cref="ResourceNeeds"/> can be scheduled at all; submissions should be checked with this.</summary>
public static class ResourceNeedsRules
{
    /// <summary>Tolerance for sums of fractions, so that 10 × 0.1 still fits on one device.</summary>
    public const double Epsilon = 1e-9;

    /// <summary>Null when valid, otherwise what is wrong.</summary>
    public static string? Check(ResourceNeeds needs)
    {
        ArgumentNullException.ThrowIfNull(needs);
        if (needs.CpuSlots < 0 || needs.GpuMemoryMiB < 0 || needs.Gpus < 0 || !double.IsFinite(needs.Gpus))
        {
            return "resource needs must not be negative";
        }

        // A trial shares one device or owns whole ones; 1.5 GPUs cannot be packed without splitting a process.
        return needs.Gpus > 1 && needs.Gpus != Math.Floor(needs.Gpus)
            ? $"gpus must be a fraction below 1 or a whole number, got {needs.Gpus}"
            : null;
    }

    public static bool IsFractional(ResourceNeeds needs) => needs.Gpus is > 0 and < 1;
}
