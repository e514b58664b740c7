using System.Text.RegularExpressions;

namespace Platform.Deploy.Tests.Infrastructure;

/// <summary>A Dockerfile as its instructions (continuation lines joined, comments dropped), with what the tests read from them.</summary>
public sealed partial class Dockerfile(string path, IReadOnlyList<(string Instruction, string Arguments)> instructions)
{
    public string Path { get; } = path;

    public IReadOnlyList<(string Instruction, string Arguments)> Instructions { get; } = instructions;

    public static IReadOnlyList<Dockerfile> All { get; } = Directory.GetFiles(Repository.PathOf("deploy/docker"), "*.Dockerfile")
        .Order().Select(Load).ToArray();

    /// <summary>deploy/docker/X.Dockerfile builds image platform/X.</summary>
    public string Image => "platform/" + System.IO.Path.GetFileName(Path)[..^".Dockerfile".Length];

    public IEnumerable<string> Arguments(string instruction) =>
        Instructions.Where(i => i.Instruction == instruction).Select(i => i.Arguments);

    /// <summary>The final stage's instructions: what the image runs with.</summary>
    public IReadOnlyList<(string Instruction, string Arguments)> FinalStage =>
        Instructions.Skip(Instructions.Select((i, index) => (i, index)).Last(x => x.i.Instruction == "FROM").index).ToArray();

    /// <summary>ENV KEY=VALUE pairs of the final stage.</summary>
    public IReadOnlyDictionary<string, string> Environment => FinalStage.Where(i => i.Instruction == "ENV")
        .SelectMany(i => EnvPair().Matches(i.Arguments)).ToDictionary(m => m.Groups["key"].Value, m => m.Groups["value"].Value);

    /// <summary>The exec form of ENTRYPOINT or CMD in the final stage: ["dotnet", "platform.dll"] → its elements.</summary>
    public IReadOnlyList<string> ExecForm(string instruction) =>
        FinalStage.LastOrDefault(i => i.Instruction == instruction).Arguments is { } json
            ? System.Text.Json.JsonSerializer.Deserialize<string[]>(json) ?? []
            : [];

    private static Dockerfile Load(string path)
    {
        var instructions = new List<(string, string)>();
        var current = "";
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (current.Length == 0 && (line.Length == 0 || line.StartsWith('#')))
            {
                continue;
            }

            current += line.EndsWith('\\') ? line[..^1] + " " : line;
            if (!line.EndsWith('\\'))
            {
                var space = current.IndexOf(' ');
                instructions.Add((current[..space].ToUpperInvariant(), current[(space + 1)..].Trim()));
                current = "";
            }
        }

        return new Dockerfile(Repository.PathOf(System.IO.Path.GetRelativePath(Repository.Root, path)), instructions);
    }

    [GeneratedRegex(@"(?<key>[A-Za-z_][A-Za-z0-9_]*)=(?<value>\S+)")]
    private static partial Regex EnvPair();
}
