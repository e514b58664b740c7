using YamlDotNet.RepresentationModel;

namespace Platform.Deploy.Tests.Infrastructure;

/// <summary>One Kubernetes object from deploy/k8s.</summary>
public sealed record Manifest(string File, YamlMappingNode Root)
{
    public string? Kind => Root.Str("kind");

    public string? Name => Root.Str("metadata", "name");

    public override string ToString() => $"{Kind}/{Name} ({File})";

    /// <summary>The pod template of a workload (Deployment, StatefulSet, Job), else null.</summary>
    public YamlMappingNode? PodTemplate => Kind is "Deployment" or "StatefulSet" or "Job" ? Root.Map("spec", "template") : null;

    public IReadOnlyList<YamlNode> Containers => PodTemplate.Seq("spec", "containers");
}

/// <summary>The deployment files: every object in deploy/k8s, the Kustomization, the compose file and the Dockerfiles.</summary>
public static class Manifests
{
    public const string KubernetesFolder = "deploy/k8s";
    public const string KustomizationFile = "kustomization.yaml";

    public static IReadOnlyList<string> KubernetesFiles { get; } =
        Directory.GetFiles(Repository.PathOf(KubernetesFolder), "*.yaml").Select(Path.GetFileName).OfType<string>().Order().ToArray();

    public static IReadOnlyList<Manifest> Objects { get; } = KubernetesFiles.Where(f => f != KustomizationFile)
        .SelectMany(f => YamlNav.LoadDocuments(Path.Combine(Repository.PathOf(KubernetesFolder), f)).Select(d => new Manifest(f, d)))
        .ToArray();

    public static YamlMappingNode Kustomization { get; } =
        YamlNav.LoadDocuments(Path.Combine(Repository.PathOf(KubernetesFolder), KustomizationFile)).Single();

    public static YamlMappingNode Compose { get; } = YamlNav.LoadDocuments(Repository.PathOf("deploy/compose.yaml")).Single();

    public static IReadOnlyList<Manifest> Workloads => Objects.Where(o => o.PodTemplate is not null).ToArray();

    public static Manifest Single(string kind, string name) =>
        Objects.SingleOrDefault(o => o.Kind == kind && o.Name == name) ?? throw new Xunit.Sdk.XunitException($"no {kind}/{name} in {KubernetesFolder}");

    /// <summary>
    /// A container's environment as the process sees it: ConfigMaps and Secrets from envFrom, then env entries (a value, or
    /// null for one from a Secret, ConfigMap or the downward API).
    /// </summary>
    public static IReadOnlyDictionary<string, string?> Environment(YamlNode container)
    {
        var environment = new Dictionary<string, string?>();
        foreach (var source in container.Seq("envFrom"))
        {
            if (source.Str("configMapRef", "name") is { } configMap)
            {
                foreach (var (key, value) in Single("ConfigMap", configMap).Root.Scalars("data"))
                {
                    environment[key] = value;
                }
            }
        }

        foreach (var variable in container.Seq("env"))
        {
            environment[variable.Str("name")!] = variable.Str("value");
        }

        return environment;
    }

    /// <summary>A container's port by name or number, as a probe's or a Service's port refers to it.</summary>
    public static int? ContainerPort(YamlNode container, string nameOrNumber) =>
        container.Seq("ports").FirstOrDefault(p => p.Str("name") == nameOrNumber || p.Str("containerPort") == nameOrNumber)
            ?.Str("containerPort") is { } port ? int.Parse(port) : null;

    /// <summary>The image's name without registry and tag: <c>platform/silo:0.1.0</c> → <c>platform/silo</c>.</summary>
    public static string ImageName(string image) => image.Split(':')[0];

    /// <summary>The Dockerfile that builds an image of ours: <c>platform/X</c> → deploy/docker/X.Dockerfile.</summary>
    public static string DockerfileOf(string image) => $"deploy/docker/{ImageName(image)["platform/".Length..]}.Dockerfile";

    public static bool IsOurImage(string image) => image.StartsWith("platform/", StringComparison.Ordinal);

    public static bool Selects(IReadOnlyDictionary<string, string> selector, IReadOnlyDictionary<string, string> labels) =>
        selector.Count > 0 && selector.All(s => labels.TryGetValue(s.Key, out var v) && v == s.Value);
}
