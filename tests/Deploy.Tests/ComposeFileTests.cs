using Platform.Deploy.Tests.Infrastructure;
using static Platform.Deploy.Tests.Infrastructure.Manifests;

namespace Platform.Deploy.Tests;

/// <summary>deploy/compose.yaml: PostgreSQL, the schema job, two silos, a worker and the dashboard, wired like the manifests.</summary>
public sealed class ComposeFileTests
{
    private static IReadOnlyDictionary<string, YamlDotNet.RepresentationModel.YamlNode> Services => Compose.Map("services")!.Entries();

    [Fact]
    public void Runs_postgres_the_schema_job_two_silos_a_worker_and_the_dashboard()
    {
        var verbs = Services.Where(s => s.Value.Seq("command").Any()).Select(s => s.Value.Seq("command")[0].Text()).ToArray();
        Assert.Single(verbs, v => v == "migrate");
        Assert.Equal(2, verbs.Count(v => v == "silo"));
        Assert.Contains("worker", verbs);
        Assert.Contains("dashboard", verbs);
        Assert.StartsWith("postgres:", Services["postgres"].Str("image"));
    }

    [Fact]
    public void Platform_services_run_an_image_built_here_with_a_platform_verb_and_only_platform_settings()
    {
        foreach (var (name, service) in Services.Where(s => IsOurImage(s.Value.Str("image") ?? "")))
        {
            var image = service.Str("image")!;
            Assert.True(File.Exists(Repository.PathOf(DockerfileOf(image))), $"{name}: no Dockerfile builds {image}");
            if (service.Map("build") is { } build)
            {
                Assert.Equal(DockerfileOf(image), build.Str("dockerfile"));
                Assert.Equal(Repository.Root, Path.GetFullPath(Path.Combine(Repository.PathOf("deploy"), build.Str("context")!)).TrimEnd('/'));
            }

            var verb = service.Seq("command")[0].Text();
            Assert.True(verb is not null && PlatformSurface.Verbs.Contains(verb), $"{name}: '{verb}' is not a platform verb");
            foreach (var variable in service.Scalars("environment").Keys)
            {
                Assert.True(PlatformSurface.IsSetting(variable), $"{name}: {variable} is not a platform setting");
            }

            foreach (var dependency in service.Map("depends_on")?.Entries().Keys ?? [])
            {
                Assert.True(Services.ContainsKey(dependency), $"{name} depends on unknown service {dependency}");
            }
        }
    }

    [Fact]
    public void Published_ports_reach_Http_Port_and_each_silo_advertises_its_own_address()
    {
        foreach (var (name, service) in Services.Where(s => s.Value.Seq("ports").Any()))
        {
            var environment = service.Scalars("environment");
            foreach (var mapping in service.Seq("ports").Select(p => p.Text()!))
            {
                Assert.Equal(environment["Http__Port"], mapping.Split(':').Last());
            }
        }

        foreach (var (name, service) in Services.Where(s => s.Value.Seq("command").FirstOrDefault().Text() == "silo"))
        {
            Assert.Equal(service.Str("networks", "platform", "ipv4_address"), service.Scalars("environment")["Cluster__AdvertisedIp"]);
        }
    }
}
