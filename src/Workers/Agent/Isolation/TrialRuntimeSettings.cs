namespace Platform.Workers.Agent.Isolation;

/// <summary>
/// .NET runtime settings (environment variables the runtime reads at start) that every trial process starts with, unless
/// the agent's own environment sets them. A trial is a fresh process whose job runs for seconds to minutes; its hot loops
/// are the jobs' <c>AggressiveOptimization</c> kernels (compiled once, fully optimised) or native libtorch, which dynamic
/// PGO never improves. What PGO does cost a fresh process is JIT time: each method that gets hot is compiled three times
/// (tier 0, instrumented tier 0, tier 1), and for large generic vector code that is most of a short run. c1w3-planar-data
/// in float32 calls TensorPrimitives' float tanh and σ, whose float exp (CoreLib's VectorMath.ExpSingle, computed in
/// double: widen, exp, narrow, all generic over Vector256/Vector128, none precompiled as the double exp partly is) took
/// 0.63-1.44 s of JIT time against 0.34-0.67 s for float64: the run was 0.42 of numpy's CPU (issue 3's goal: ≤ 0.33).
/// Without PGO its training took 0.27-0.30 s CPU instead of 0.41-0.51 s, and its whole trial process (start, training,
/// artifacts) used less CPU in 5 of 6 interleaved pairs (1.84-2.27 s against 2.19-2.75 s). Compiling loops optimised at
/// once (<c>TC_QuickJitForLoops=0</c>) helped the training further but cost the rest of the trial process more than it
/// saved (2.07-2.57 s against 1.95-2.17 s with the defaults), so it is not set. Measurements: bench/RESULTS.md.
/// </summary>
public static class TrialRuntimeSettings
{
    public static IReadOnlyDictionary<string, string> Defaults { get; } = new Dictionary<string, string>
    {
        ["DOTNET_TieredPGO"] = "0",
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
