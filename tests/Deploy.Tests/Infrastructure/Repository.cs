namespace Platform.Deploy.Tests.Infrastructure;

/// <summary>Paths in this checkout: the folder holding Platform.sln, found upwards from the test assembly.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Platform.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Platform.sln above {AppContext.BaseDirectory}");
    }
}
