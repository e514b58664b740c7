using System.Runtime.InteropServices;

namespace Platform.Workers.Torch;

/// <summary>
/// libtorch's OpenMP threads spin while they wait for work. When trainings share cores (several trials, tests, a busy
/// machine), the spinning threads starve the working ones: a run measured 353 s spinning against 38 s passive. libgomp reads
/// <c>OMP_WAIT_POLICY</c> once, when libtorch loads, from the C environment, which .NET's Environment.SetEnvironmentVariable
/// does not reach on Unix; hence libc's setenv, called before the first torch call. A value the user set is kept.
/// </summary>
internal static partial class OpenMpEnvironment
{
    public const string WaitPolicy = "OMP_WAIT_POLICY";

    public static void PreferPassiveWaiting()
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            _ = SetEnv(WaitPolicy, "PASSIVE", overwrite: 0);
        }
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);
}
