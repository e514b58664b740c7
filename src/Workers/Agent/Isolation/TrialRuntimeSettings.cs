namespace Platform.Workers.Agent.Isolation;

/// <summary>
/// .NET runtime settings (environment variables the runtime reads at start) that every trial process starts with, unless
/// the agent's own environment sets them. A trial is a fresh process whose job runs for seconds to minutes; its hot loops
/// are the jobs' <c>AggressiveOptimization</c> kernels (compiled once, fully optimised) or native libtorch, which tiered
/// compilation's dynamic PGO never improves. What PGO does cost a fresh process is JIT time: each method that gets hot is
/// compiled three times (tier 0, instrumented tier 0, tier 1) and its loops once more (OSR). For large generic vector code
/// that is most of a short run: c1w3-planar-data in float32 calls TensorPrimitives' float tanh and σ, whose float exp
/// (CoreLib's VectorMath.ExpSingle, computed in double: widen, exp, narrow, all generic over Vector256/Vector128 and not
/// precompiled in CoreLib as the double exp partly is) took 0.75-1.36 s of JIT time against 0.34-0.46 s for float64,
/// making the run 0.42 of numpy's CPU time (issue 3's goal: ≤ 0.33). Without PGO and with loops compiled optimised at once
/// its JIT time falls to 0.30-0.43 s and its CPU from 0.45-0.50 s to 0.18-0.21 s; float64 and the other Course 1-2 runs
/// are unchanged or faster (bench/RESULTS.md, "Courses 1-2 main runs").
/// </summary>
public static class TrialRuntimeSettings
{
    public static IReadOnlyDictionary<string, string> Defaults { get; } = new Dictionary<string, string>
    {
        ["DOTNET_TieredPGO"] = "0",
        ["DOTNET_TC_QuickJitForLoops"] = "0",
    };

    /// <summary>Adds each default to <paramref name="environment"/> (a child process's, copied from this one's) where it is not set.</summary>
    public static void ApplyTo(IDictionary<string, string?> environment)
    {
        foreach (var (name, value) in Defaults)
        {
            environment.TryAdd(name, value);
        }
    }
}
