using TorchSharp;

namespace Platform.Workers.Torch;

/// <summary>
/// The one place a process prepares TorchSharp: makes the native library loadable, then fixes the intra-op thread count
/// (libtorch would otherwise pick its own, and runs on the same machine would fight over cores).
/// </summary>
public static class TorchRuntime
{
    /// <summary>Overrides the thread count when set (e.g. from the worker's options or the environment).</summary>
    public const string ThreadsEnvironmentVariable = "PLATFORM_TORCH_THREADS";

    private static readonly Lock Gate = new();
    private static int? threads;

    /// <summary>The thread count in effect, once initialised.</summary>
    public static int? Threads => threads;

    /// <summary>
    /// Idempotent. The first call fixes the thread count: <paramref name="numThreads"/>, else PLATFORM_TORCH_THREADS, else the processor count.
    /// </summary>
    public static void EnsureInitialized(int? numThreads = null)
    {
        lock (Gate)
        {
            if (threads is not null)
            {
                return;
            }

            OpenMpEnvironment.PreferPassiveWaiting();
            TorchNativeLoader.EnsureLoadable();
            var chosen = numThreads
                ?? (int.TryParse(Environment.GetEnvironmentVariable(ThreadsEnvironmentVariable), out var fromEnvironment) && fromEnvironment > 0
                    ? fromEnvironment
                    : Environment.ProcessorCount);
            torch.set_num_threads(chosen);
            threads = chosen;
        }
    }
}
