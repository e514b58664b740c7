using Platform.Workers.Data;

namespace Platform.Workers.Tests.Support;

/// <summary>Locates the course data for tests: PLATFORM_DATA_DIR when set, else a <c>shared/datasets</c> folder beside an ancestor of the test binaries.</summary>
public static class TestData
{
    private static readonly Lazy<string> Located = new(Locate);

    public static string Directory => Located.Value;

    public static DataDirectory DataDirectory => new(Directory);

    private static string Locate()
    {
        if (Environment.GetEnvironmentVariable(DataDirectory.EnvironmentVariable) is { Length: > 0 } configured)
        {
            return configured;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "datasets");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException(
            $"no shared/datasets folder above {AppContext.BaseDirectory}; set {DataDirectory.EnvironmentVariable}");
    }
}
