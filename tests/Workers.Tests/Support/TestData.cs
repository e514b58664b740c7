using Platform.Testing;
using Platform.Workers.Data;

namespace Platform.Workers.Tests.Support;

/// <summary>The course data for worker tests, located once by the shared <see cref="TestDataDirectory"/>.</summary>
public static class TestData
{
    public static string Directory => TestDataDirectory.Path;

    public static DataDirectory DataDirectory => new(Directory);
}
