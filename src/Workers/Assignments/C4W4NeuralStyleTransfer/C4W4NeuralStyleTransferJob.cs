using Microsoft.Extensions.Logging;
using Platform.Contracts.Catalog;
using Platform.Workers.Data;
using Platform.Workers.Jobs;
using Platform.Workers.Torch;
using Platform.Workers.Weights;
using TorchSharp;
using NstAssignment = Platform.Contracts.Catalog.Assignments.C4W4NeuralStyleTransfer;

namespace Platform.Workers.Assignments.C4W4NeuralStyleTransfer;

/// <summary>
/// c4w4-neural-style-transfer (spec §16): Adam on the generated image against the content (louvre_small.jpg) and style
/// (monet.jpg) images through VGG-19. Logs <c>cost</c>, <c>content_cost</c> and <c>style_cost</c> every <c>log_every</c>
/// iterations and stores the image then (generated/&lt;i&gt;.png) and after the last iteration (generated_image.png). The VGG-19 weights
/// are not distributed: without <c>weights_file</c> it runs on a randomly initialised network and says so (a run tag and
/// a log line).
/// </summary>
public sealed class C4W4NeuralStyleTransferJob : IAssignmentJob
{
    public AssignmentDescriptor Descriptor => NstAssignment.Descriptor;

    public void Run(JobContext context)
    {
        var h = context.Hyperparameters;
        var seed = (uint)h.GetInt("seed");
        var content = RgbImage.Decode(context.Data.File(h.GetString("content_image"), "content_image"));
        var width = h.GetInt("image_width");
        content = content.Resize(width, Math.Max(1, (int)Math.Round((double)content.Height * width / content.Width)));
        var style = RgbImage.Decode(context.Data.File(h.GetString("style_image"), "style_image")).Resize(content.Width, content.Height);
        var weights = PretrainedWeights.Find(context.Data, h.GetString("weights_file"));

        TorchRuntime.EnsureInitialized();
        var device = torch.device(context.Device);
        using var scope = torch.NewDisposeScope();
        using var model = new Vgg19();
        if (weights is null)
        {
            model.InitialiseRandomly(seed);
            context.Outputs.SetTag(PretrainedWeights.RandomInitTag, PretrainedWeights.RandomInitValue);
            context.Log.LogWarning("VGG-19 weights not found at {WeightsFile}: running on a randomly initialised network", h.GetString("weights_file"));
        }
        else
        {
            model.LoadMatConvNetWeights(weights);
        }

        model.to(device);
        var contentTensor = StyleTransfer.Normalise(content, device);
        var styleTensor = StyleTransfer.Normalise(style, device);
        var initial = StyleTransfer.NoiseImage(contentTensor, h.GetDouble("noise_ratio"), seed);
        var final = StyleTransfer.Optimise(model, contentTensor, styleTensor, initial, h.GetDouble("alpha"), h.GetDouble("beta"), h.GetDouble("learning_rate"),
            h.GetInt("num_iterations"), h.GetInt("log_every"), progress =>
            {
                context.Metrics.Log("cost", progress.Total, progress.Iteration);
                context.Metrics.Log("content_cost", progress.Content, progress.Iteration);
                context.Metrics.Log("style_cost", progress.Style, progress.Iteration);
                context.Outputs.SaveArtifact($"generated/{progress.Iteration}.png", progress.Generated.EncodePng());
            }, context.Cancellation);
        context.Outputs.SaveArtifact("generated_image.png", final.EncodePng());
    }
}
