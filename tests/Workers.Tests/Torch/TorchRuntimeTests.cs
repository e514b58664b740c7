using Platform.Workers.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Workers.Tests.Torch;

public sealed class TorchRuntimeTests
{
    [Fact]
    public void After_initialisation_torch_trains_a_tiny_linear_regression_and_the_loss_falls()
    {
        TorchRuntime.EnsureInitialized();

        var report = TorchNativeLoader.EnsureLoadable();
        if (!report.HostHasRequiredVersion)
        {
            // Only the application's own copy is touched, and it ends up weak whether this process or an earlier one patched it.
            var library = Assert.Single(report.Libraries);
            Assert.StartsWith(AppContext.BaseDirectory, library.Path, StringComparison.Ordinal);
            Assert.Contains(library.Result, new[] { VersionNeedPatchResult.Patched, VersionNeedPatchResult.AlreadyWeak });
        }

        Assert.Equal(TorchRuntime.Threads, torch.get_num_threads());

        torch.manual_seed(0);
        var x = torch.linspace(-1, 1, 64, dtype: ScalarType.Float64).reshape(64, 1);
        var y = 3 * x + 0.5;
        var model = nn.Linear(1, 1, dtype: ScalarType.Float64);
        var optimizer = optim.Adam(model.parameters(), lr: 0.1);
        double first = 0, last = 0;
        for (var step = 0; step < 50; step++)
        {
            using var scope = torch.NewDisposeScope();
            optimizer.zero_grad();
            var loss = nn.functional.mse_loss(model.forward(x), y);
            loss.backward();
            optimizer.step();
            last = loss.item<double>();
            if (step == 0)
            {
                first = last;
            }
        }

        Assert.True(last < first / 10, $"loss went from {first} to {last}");
    }

    [Fact]
    public void The_loader_reports_the_same_result_on_every_call()
    {
        Assert.Same(TorchNativeLoader.EnsureLoadable(), TorchNativeLoader.EnsureLoadable());
    }
}
