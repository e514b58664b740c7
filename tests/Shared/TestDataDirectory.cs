namespace Platform.Testing;

/// <summary>
/// The course's data files for tests: <c>PLATFORM_DATA_DIR</c> when set, else the <c>shared/datasets</c> folder found by walking up
/// from the test's output folder (the checkout sits beside <c>shared/</c>). Fails loudly when neither exists: tests never skip for data.
/// </summary>
public static class TestDataDirectory
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Path => Root.Value;

    private static string Find()
    {
        if (Environment.GetEnvironmentVariable("PLATFORM_DATA_DIR") is { Length: > 0 } fromEnvironment && Directory.Exists(fromEnvironment))
        {
            return System.IO.Path.GetFullPath(fromEnvironment);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared", "datasets");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException(
            "The course data files were not found: set PLATFORM_DATA_DIR or place the checkout beside shared/datasets.");
    }
}
