using System.Reflection;
using System.Text.RegularExpressions;
using Platform.Cli.Commands;
using Platform.Dashboard;
using Platform.ServiceDefaults;
using Platform.Silo.Hosting;
using Platform.Workers.Agent;

namespace Platform.Deploy.Tests.Infrastructure;

/// <summary>
/// What the deployment files may refer to, derived from the code: the settings the platform reads (the options classes bound
/// from a configuration section, plus keys the hosts read directly from configuration) and the <c>platform</c> command's verbs.
/// </summary>
public static partial class PlatformSurface
{
    /// <summary>Every configuration key (<c>Section:Key</c>, compared ignoring case as configuration does) the platform reads.</summary>
    public static IReadOnlySet<string> Settings { get; } = FindSettings();

    /// <summary>The verbs of the <c>platform</c> command (its System.CommandLine tree).</summary>
    public static IReadOnlySet<string> Verbs { get; } =
        PlatformCommand.Create().Subcommands.Select(c => c.Name).ToHashSet();

    /// <summary>An environment variable name (<c>Section__Key</c>) as the configuration key it binds to.</summary>
    public static string SettingOf(string environmentVariable) => environmentVariable.Replace("__", ":", StringComparison.Ordinal);

    public static bool IsSetting(string environmentVariable) =>
        environmentVariable.Contains("__", StringComparison.Ordinal) && Settings.Contains(SettingOf(environmentVariable));

    private static HashSet<string> FindSettings()
    {
        var settings = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        Assembly[] assemblies = [typeof(PlatformClusterOptions).Assembly, typeof(WorkerAgentOptions).Assembly,
            typeof(DashboardOptions).Assembly, typeof(PlatformCommand).Assembly, typeof(HealthCheckTags).Assembly];
        foreach (var type in assemblies.SelectMany(a => a.GetTypes()))
        {
            if (SectionOf(type) is not { } section)
            {
                continue;
            }

            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.SetMethod is { IsPublic: true } && IsBindable(property.PropertyType))
                {
                    settings.Add($"{section}:{property.Name}");
                }
            }
        }

        // Keys a host reads straight from IConfiguration (configuration["Http:Port"], GetValue("Dashboard:ApiUrl", ...)).
        foreach (var file in Directory.EnumerateFiles(Repository.PathOf("src"), "*.cs", SearchOption.AllDirectories))
        {
            foreach (Match match in DirectConfigurationRead().Matches(File.ReadAllText(file)))
            {
                settings.Add(match.Groups["key"].Value);
            }
        }

        return settings;
    }

    /// <summary>The section an options class is bound from: its public <c>Section</c> or <c>SectionName</c> constant.</summary>
    private static string? SectionOf(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .FirstOrDefault(f => f.IsLiteral && f.FieldType == typeof(string) && f.Name is "Section" or "SectionName")
            ?.GetRawConstantValue() as string;

    private static bool IsBindable(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(TimeSpan) || type == typeof(Uri) || type == typeof(decimal);
    }

    [GeneratedRegex(@"[Cc]onfiguration(\[|\.GetValue(<[^>]+>)?\()\s*""(?<key>[A-Za-z]+:[A-Za-z]+)""")]
    private static partial Regex DirectConfigurationRead();
}
