using Platform.Deploy.Tests.Infrastructure;
using Platform.ServiceDefaults;
using static Platform.Deploy.Tests.Infrastructure.Manifests;

namespace Platform.Deploy.Tests;

/// <summary>deploy/k8s: every object is well formed and the objects, the images and the platform's settings agree.</summary>
public sealed class KubernetesManifestTests
{
    private static readonly Dictionary<string, string> ApiVersions = new()
    {
        ["Namespace"] = "v1", ["Secret"] = "v1", ["ConfigMap"] = "v1", ["Service"] = "v1", ["PersistentVolumeClaim"] = "v1",
        ["Deployment"] = "apps/v1", ["StatefulSet"] = "apps/v1", ["Job"] = "batch/v1", ["PodDisruptionBudget"] = "policy/v1",
    };

    [Fact]
    public void Every_object_has_a_known_kind_its_api_version_a_name_and_the_platform_namespace()
    {
        Assert.NotEmpty(Objects);
        var ns = Assert.Single(Objects, o => o.Kind == "Namespace").Name;
        Assert.Equal(ns, Kustomization.Str("namespace"));
        foreach (var o in Objects)
        {
            Assert.True(o.Kind is { } kind && ApiVersions.ContainsKey(kind), $"{o}: unknown kind");
            Assert.Equal(ApiVersions[o.Kind!], o.Root.Str("apiVersion"));
            Assert.False(string.IsNullOrWhiteSpace(o.Name), $"{o}: metadata.name missing");
            if (o.Kind != "Namespace")
            {
                Assert.True(o.Root.Str("metadata", "namespace") == ns, $"{o}: not in namespace {ns}");
            }
        }

        var names = Objects.Select(o => $"{o.Kind}/{o.Name}").ToArray();
        Assert.Equal(names.Length, names.Distinct().Count());
    }

    [Fact]
    public void The_kustomization_lists_every_manifest_and_renames_only_images_built_here()
    {
        var resources = Kustomization.Seq("resources").Select(r => r.Text()).Order().ToArray();
        Assert.Equal(KubernetesFiles.Where(f => f != KustomizationFile).ToArray(), resources);
        foreach (var image in Kustomization.Seq("images"))
        {
            Assert.True(File.Exists(Repository.PathOf(DockerfileOf(image.Str("name")!))), $"kustomization image {image.Str("name")} has no Dockerfile");
        }
    }

    [Fact]
    public void Workload_selectors_match_their_pod_labels_and_every_Service_and_budget_selects_a_workload()
    {
        foreach (var workload in Workloads.Where(w => w.Kind != "Job"))
        {
            Assert.True(Selects(workload.Root.Scalars("spec", "selector", "matchLabels"), workload.PodTemplate.Scalars("metadata", "labels")),
                $"{workload}: spec.selector.matchLabels do not match the pod template's labels");
        }

        foreach (var selecting in Objects.Where(o => o.Kind is "Service" or "PodDisruptionBudget"))
        {
            var selector = selecting.Kind == "Service" ? selecting.Root.Scalars("spec", "selector") : selecting.Root.Scalars("spec", "selector", "matchLabels");
            Assert.True(Workloads.Any(w => Selects(selector, w.PodTemplate.Scalars("metadata", "labels"))), $"{selecting}: selects no pods");
        }
    }

    [Fact]
    public void Containers_run_an_image_built_here_with_a_verb_of_the_platform_command()
    {
        foreach (var workload in Workloads)
        {
            foreach (var container in workload.Containers)
            {
                var image = container.Str("image") ?? "";
                Assert.True(IsOurImage(image) && image.Contains(':'), $"{workload}: image '{image}' is not platform/<name>:<tag>");
                Assert.True(File.Exists(Repository.PathOf(DockerfileOf(image))), $"{workload}: no {DockerfileOf(image)} builds {image}");
                var verb = container.Seq("args").FirstOrDefault().Text();
                Assert.True(verb is not null && PlatformSurface.Verbs.Contains(verb), $"{workload}: args[0] '{verb}' is not a platform verb");
            }
        }

        Assert.Equal("migrate", Single("Job", "platform-migrate").Containers.Single().Seq("args").Single().Text());
    }

    [Fact]
    public void Long_running_containers_serve_http_on_Http_Port_with_probes_on_the_default_endpoints_and_a_scrape_annotation()
    {
        foreach (var workload in Workloads.Where(w => w.Kind != "Job"))
        {
            var container = Assert.Single(workload.Containers);
            var httpPort = ContainerPort(container, "http");
            Assert.True(httpPort is not null, $"{workload}: no container port named http");
            Assert.Equal(httpPort.ToString(), Environment(container).GetValueOrDefault("Http__Port"));
            Assert.Equal(DefaultEndpoints.Liveness, container.Str("livenessProbe", "httpGet", "path"));
            Assert.Equal(DefaultEndpoints.Readiness, container.Str("readinessProbe", "httpGet", "path"));
            foreach (var probe in new[] { "livenessProbe", "readinessProbe", "startupProbe" })
            {
                if (container.Str(probe, "httpGet", "port") is { } port)
                {
                    Assert.True(ContainerPort(container, port) == httpPort, $"{workload}: {probe} port {port} is not the http port");
                }
            }

            var annotations = workload.PodTemplate.Scalars("metadata", "annotations");
            Assert.Equal("true", annotations.GetValueOrDefault("prometheus.io/scrape"));
            Assert.Equal(httpPort.ToString(), annotations.GetValueOrDefault("prometheus.io/port"));
            Assert.Equal(DefaultEndpoints.Metrics, annotations.GetValueOrDefault("prometheus.io/path"));

            // The image's own defaults agree: it exposes that port and its HEALTHCHECK probes it.
            var dockerfile = Dockerfile.All.Single(d => d.Image == ImageName(container.Str("image")!));
            Assert.Equal(httpPort.ToString(), dockerfile.Environment.GetValueOrDefault("Http__Port"));
            Assert.Contains(httpPort.ToString(), dockerfile.Arguments("EXPOSE").SelectMany(e => e.Split(' ')));
        }
    }

    [Fact]
    public void Each_Service_targets_a_port_of_the_pods_it_selects()
    {
        foreach (var service in Objects.Where(o => o.Kind == "Service"))
        {
            var pods = Workloads.Where(w => Selects(service.Root.Scalars("spec", "selector"), w.PodTemplate.Scalars("metadata", "labels"))).ToArray();
            foreach (var port in service.Root.Seq("spec", "ports"))
            {
                var target = port.Str("targetPort") ?? port.Str("port")!;
                Assert.All(pods, pod => Assert.True(pod.Containers.Any(c => ContainerPort(c, target) is not null),
                    $"{service}: targetPort {target} is no container port of {pod}"));
            }
        }
    }

    [Fact]
    public void Every_environment_variable_is_a_setting_the_platform_reads()
    {
        foreach (var configMap in Objects.Where(o => o.Kind == "ConfigMap"))
        {
            foreach (var key in configMap.Root.Scalars("data").Keys)
            {
                Assert.True(PlatformSurface.IsSetting(key), $"{configMap}: {key} is not a platform setting ({PlatformSurface.SettingOf(key)})");
            }
        }

        foreach (var workload in Workloads)
        {
            foreach (var container in workload.Containers)
            {
                foreach (var name in container.Seq("env").Select(e => e.Str("name")!))
                {
                    Assert.True(PlatformSurface.IsSetting(name), $"{workload}: {name} is not a platform setting ({PlatformSurface.SettingOf(name)})");
                }
            }
        }
    }

    [Fact]
    public void Secrets_ConfigMaps_and_volume_claims_referenced_exist_with_the_keys_used()
    {
        foreach (var workload in Workloads)
        {
            foreach (var container in workload.Containers)
            {
                foreach (var configMap in container.Seq("envFrom").Select(s => s.Str("configMapRef", "name")).OfType<string>())
                {
                    Single("ConfigMap", configMap);
                }

                foreach (var reference in container.Seq("env").Select(e => e.Map("valueFrom", "secretKeyRef")).OfType<YamlDotNet.RepresentationModel.YamlMappingNode>())
                {
                    var secret = Single("Secret", reference.Str("name")!);
                    Assert.True(secret.Root.Scalars("stringData").ContainsKey(reference.Str("key")!) || secret.Root.Scalars("data").ContainsKey(reference.Str("key")!),
                        $"{workload}: {secret} has no key {reference.Str("key")}");
                }

                var volumes = workload.PodTemplate.Seq("spec", "volumes").Select(v => v.Str("name")).ToHashSet();
                Assert.All(container.Seq("volumeMounts"), m => Assert.Contains(m.Str("name"), volumes));
            }

            foreach (var claim in workload.PodTemplate.Seq("spec", "volumes").Select(v => v.Str("persistentVolumeClaim", "claimName")).OfType<string>())
            {
                Single("PersistentVolumeClaim", claim);
            }
        }

        // The connection string (it holds the database password) only ever comes from the Secret.
        Assert.DoesNotContain(Workloads.SelectMany(w => w.Containers).SelectMany(c => c.Seq("env")),
            e => e.Str("name") == "Store__ConnectionString" && e.Str("value") is not null);
    }

    [Fact]
    public void Silos_carry_Orleans_labels_advertise_their_pod_IP_drain_gracefully_and_have_a_disruption_budget()
    {
        var silos = Workloads.Where(w => w.Containers.Any(c => c.Seq("args").FirstOrDefault().Text() == "silo")).ToArray();
        Assert.NotEmpty(silos);
        foreach (var silo in silos)
        {
            var container = silo.Containers.Single();
            var environment = Environment(container);
            var labels = silo.PodTemplate.Scalars("metadata", "labels");
            Assert.Equal(environment.GetValueOrDefault("Cluster__ServiceId"), labels.GetValueOrDefault("orleans/serviceId"));
            Assert.Equal(environment.GetValueOrDefault("Cluster__ClusterId"), labels.GetValueOrDefault("orleans/clusterId"));
            Assert.Equal("postgres", environment.GetValueOrDefault("Cluster__Membership"));
            var advertised = container.Seq("env").Single(e => e.Str("name") == "Cluster__AdvertisedIp");
            Assert.Equal("status.podIP", advertised.Str("valueFrom", "fieldRef", "fieldPath"));
            Assert.Equal(environment["Cluster__SiloPort"], ContainerPort(container, "silo")?.ToString());
            Assert.Equal(environment["Cluster__GatewayPort"], ContainerPort(container, "gateway")?.ToString());
            Assert.True(int.Parse(silo.PodTemplate.Str("spec", "terminationGracePeriodSeconds") ?? "0") >= 30, $"{silo}: terminationGracePeriodSeconds under 30");
            Assert.NotNull(container.Map("lifecycle", "preStop"));
            Assert.Contains(Objects, o => o.Kind == "PodDisruptionBudget" && Selects(o.Root.Scalars("spec", "selector", "matchLabels"), labels));
        }
    }

    [Fact]
    public void Gpu_workers_run_the_cuda_image_request_a_gpu_and_tolerate_gpu_nodes_while_cpu_workers_do_not()
    {
        var workers = Workloads.Where(w => w.Containers.Any(c => c.Seq("args").FirstOrDefault().Text() == "worker")).ToArray();
        Assert.Contains(workers, w => Environment(w.Containers.Single()).GetValueOrDefault("Worker__Device") == "cpu");
        Assert.Contains(workers, w => Environment(w.Containers.Single()).GetValueOrDefault("Worker__Device") == "cuda");
        foreach (var worker in workers)
        {
            var container = worker.Containers.Single();
            var gpus = container.Str("resources", "limits", "nvidia.com/gpu");
            if (Environment(container)["Worker__Device"] == "cuda")
            {
                Assert.Equal("platform/worker-cuda", ImageName(container.Str("image")!));
                Assert.True(int.TryParse(gpus, out var n) && n >= 1, $"{worker}: requests no nvidia.com/gpu");
                Assert.Contains(worker.PodTemplate.Seq("spec", "tolerations"), t => t.Str("key") == "nvidia.com/gpu");
                Assert.NotEmpty(worker.PodTemplate.Scalars("spec", "nodeSelector"));
            }
            else
            {
                Assert.Equal("platform/worker-cpu", ImageName(container.Str("image")!));
                Assert.Null(gpus);
            }

            // Workers reach the API through the Service in front of the silos.
            var api = new Uri(Environment(container)["Worker__ApiBaseAddress"]!);
            Assert.Equal(Single("Service", "platform-api").Name, api.Host.Split('.')[0]);
        }
    }
}
