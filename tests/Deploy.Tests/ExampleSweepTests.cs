using Platform.Contracts.Sweeps;
using Platform.Deploy.Tests.Infrastructure;

namespace Platform.Deploy.Tests;

/// <summary>The sweep files under examples/ (the README's and the ASHA benchmark's) are valid for the catalog as shipped.</summary>
public class ExampleSweepTests
{
    public static TheoryData<string> Files { get; } = new(
        Directory.GetFiles(Repository.PathOf("examples/sweeps"), "*.yaml").Order().Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(Files))]
    public void Example_sweep_is_valid(string file)
    {
        var spec = SweepSpecParser.Parse(File.ReadAllText(Repository.PathOf("examples/sweeps/" + file)));

        var assignment = SweepSpecValidator.Validate(spec); // throws with the YAML line of anything the catalog refuses

        Assert.Equal(spec.Assignment, assignment.Id);
        Assert.NotEmpty(spec.Parameters);
    }
}
