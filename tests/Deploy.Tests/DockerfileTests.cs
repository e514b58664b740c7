using Platform.Deploy.Tests.Infrastructure;
using Platform.ServiceDefaults;

namespace Platform.Deploy.Tests;

/// <summary>deploy/docker: multi-stage builds of the one <c>platform</c> program, run as a non-root user, with a health check.</summary>
public sealed class DockerfileTests
{
    public static TheoryData<string> Images() => [.. Dockerfile.All.Select(d => d.Image)];

    [Fact]
    public void There_is_an_image_for_the_silo_each_worker_kind_and_the_dashboard() =>
        Assert.Equal(["platform/dashboard", "platform/silo", "platform/worker-cpu", "platform/worker-cuda"], Dockerfile.All.Select(d => d.Image));

    [Theory]
    [MemberData(nameof(Images))]
    public void Builds_in_stages_runs_as_non_root_and_checks_its_health(string image)
    {
        var dockerfile = Dockerfile.All.Single(d => d.Image == image);
        Assert.True(dockerfile.Arguments("FROM").Count() >= 2, $"{image}: not a multi-stage build");
        Assert.Contains(dockerfile.Arguments("RUN"), run => run.Contains("dotnet publish src/Cli/Platform.Cli.csproj", StringComparison.Ordinal));

        var user = dockerfile.FinalStage.LastOrDefault(i => i.Instruction == "USER").Arguments;
        Assert.False(user is null or "root" or "0" or "0:0", $"{image}: the final stage runs as root");

        var port = dockerfile.Environment["Http__Port"];
        var healthcheck = Assert.Single(dockerfile.FinalStage, i => i.Instruction == "HEALTHCHECK").Arguments;
        Assert.Contains($"http://127.0.0.1:{port}{DefaultEndpoints.Liveness}", healthcheck);
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Starts_the_platform_command_with_one_of_its_verbs_and_sets_only_platform_settings(string image)
    {
        var dockerfile = Dockerfile.All.Single(d => d.Image == image);
        Assert.Equal(["dotnet", "platform.dll"], dockerfile.ExecForm("ENTRYPOINT"));
        var verb = Assert.Single(dockerfile.ExecForm("CMD"));
        Assert.Contains(verb, PlatformSurface.Verbs);
        Assert.Equal(image switch { "platform/silo" => "silo", "platform/dashboard" => "dashboard", _ => "worker" }, verb);

        // Section__Key variables configure the platform; others (DOTNET_*) configure the runtime.
        foreach (var name in dockerfile.Environment.Keys.Where(k => k.Contains("__", StringComparison.Ordinal)))
        {
            Assert.True(PlatformSurface.IsSetting(name), $"{image}: ENV {name} is not a platform setting");
        }
    }

    [Fact]
    public void The_cuda_worker_builds_on_a_cuda_runtime_image_with_the_cuda_libtorch_switch()
    {
        var cuda = Dockerfile.All.Single(d => d.Image == "platform/worker-cuda");
        Assert.StartsWith("nvidia/cuda:", cuda.FinalStage[0].Arguments);
        Assert.Equal("cuda", cuda.Environment["Worker__Device"]);
        Assert.Contains(cuda.Arguments("RUN"), run => run.Contains("-p:TorchDevice=${TORCH_DEVICE}", StringComparison.Ordinal));
        Assert.Contains("TORCH_DEVICE=cuda", cuda.Arguments("ARG"));

        // The switch the image passes selects the CUDA libtorch package, with a central version for it.
        var workers = File.ReadAllText(Repository.PathOf("src/Workers/Platform.Workers.csproj"));
        Assert.Contains("""<PackageReference Include="libtorch-cuda-12.8-linux-x64" Condition="'$(TorchDevice)' == 'cuda'" />""", workers);
        Assert.Contains("""<PackageReference Include="libtorch-cpu-linux-x64" Condition="'$(TorchDevice)' != 'cuda'" />""", workers);
        Assert.Contains("""<PackageVersion Include="libtorch-cuda-12.8-linux-x64" """, File.ReadAllText(Repository.PathOf("Directory.Packages.props")));

        var cpu = Dockerfile.All.Single(d => d.Image == "platform/worker-cpu");
        Assert.Equal("cpu", cpu.Environment["Worker__Device"]);
    }
}
