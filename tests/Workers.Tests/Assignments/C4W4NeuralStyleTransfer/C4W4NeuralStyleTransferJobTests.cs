using Platform.Testing;
using Platform.Workers.Assignments.C4W4NeuralStyleTransfer;
using Platform.Workers.Tests.Support;
using Platform.Workers.Weights;
using NstAssignment = Platform.Contracts.Catalog.Assignments.C4W4NeuralStyleTransfer;

namespace Platform.Workers.Tests.Assignments.C4W4NeuralStyleTransfer;

public sealed class C4W4NeuralStyleTransferJobTests
{
    [Fact]
    public void Without_weights_it_runs_on_a_random_network_says_so_and_lowers_the_cost()
    {
        var metrics = new RecordingMetricSink();
        var outputs = new RecordingRunOutputs();

        Run(new Dictionary<string, string> { ["image_width"] = "40", ["num_iterations"] = "6", ["log_every"] = "2" }, metrics, outputs);

        Assert.Equal(PretrainedWeights.RandomInitValue, outputs.Tags[PretrainedWeights.RandomInitTag]);
        var costs = metrics.For("cost");
        Assert.Equal([0L, 2, 4], costs.Select(c => c.Step));
        Assert.Equal([0L, 2, 4], metrics.For("content_cost").Select(c => c.Step));
        Assert.True(costs[^1].Value < costs[0].Value, $"the total must decrease: {string.Join(", ", costs.Select(c => c.Value))}");
        for (var i = 0; i < costs.Count; i++)
        {
            var content = metrics.For("content_cost")[i].Value;
            var style = metrics.For("style_cost")[i].Value;
            Assert.Equal(10 * content + 40 * style, costs[i].Value, 1e-5 * costs[i].Value); // total_cost(α = 10, β = 40)
        }

        Assert.Equal(["generated/0.png", "generated/2.png", "generated/4.png", "generated_image.png"], outputs.Artifacts.Keys.Order());
        // generated_image is the image after the last iteration (5), as the notebook saves it after its loop, not the last logged one.
        Assert.NotEqual(outputs.Artifacts["generated/4.png"], outputs.Artifacts["generated_image.png"]);
    }

    [Fact]
    public void The_random_network_comes_from_the_seed_alone_so_a_run_repeats()
    {
        var settings = new Dictionary<string, string> { ["image_width"] = "24", ["num_iterations"] = "2", ["log_every"] = "1" };
        var (first, second, other) = (new RecordingRunOutputs(), new RecordingRunOutputs(), new RecordingRunOutputs());

        Run(settings, new RecordingMetricSink(), first);
        TorchSharp.torch.manual_seed(12345); // another trial in the same process reseeding torch must not matter
        Run(settings, new RecordingMetricSink(), second);
        Run(new Dictionary<string, string>(settings) { ["seed"] = "2" }, new RecordingMetricSink(), other);

        Assert.Equal(first.Artifacts["generated_image.png"], second.Artifacts["generated_image.png"]);
        Assert.NotEqual(first.Artifacts["generated_image.png"], other.Artifacts["generated_image.png"]);
    }

    [Fact]
    public void A_weights_file_is_used_when_present_and_checked_against_the_real_layout()
    {
        using var temp = new TempDirectory("nst-weights");
        var path = Path.Combine(temp.Path, "small-vgg.mat");
        using (var small = new Vgg19(widthDivisor: 16))
        {
            VggMatFileWriter.Write(path, small);
        }

        var e = Assert.Throws<InvalidDataException>(() =>
            Run(new Dictionary<string, string> { ["weights_file"] = path, ["image_width"] = "16", ["num_iterations"] = "1" }, new RecordingMetricSink(), new RecordingRunOutputs()));

        Assert.Contains("layer 'conv1_1' has kernel (3, 3, 3, 4)", e.Message);
        Assert.Contains("expected kernel (3, 3, 3, 64)", e.Message);
    }

    [Theory]
    [InlineData("content_image", "no-such-content.jpg", "not found in data directory")]
    [InlineData("style_image", "../outside.jpg", "is outside the data directory")]
    public void A_missing_image_is_reported_with_the_hyperparameter_that_named_it(string hyperparameter, string value, string problem)
    {
        var e = Assert.Throws<Platform.Workers.Data.DataFileNotFoundException>(() =>
            Run(new Dictionary<string, string> { [hyperparameter] = value, ["image_width"] = "16", ["num_iterations"] = "1" }, new RecordingMetricSink(), new RecordingRunOutputs()));

        Assert.StartsWith($"data file '{value}' (hyperparameter {hyperparameter}) {problem}", e.Message);
    }

    private static void Run(Dictionary<string, string> raw, RecordingMetricSink metrics, RecordingRunOutputs outputs) =>
        new C4W4NeuralStyleTransferJob().Run(JobContexts.For(NstAssignment.Descriptor, metrics, raw, outputs: outputs));
}
