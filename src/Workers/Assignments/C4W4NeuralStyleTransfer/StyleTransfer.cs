using Platform.Workers.Data;
using Platform.Workers.Numerics;
using Platform.Workers.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Workers.Assignments.C4W4NeuralStyleTransfer;

/// <summary>The costs after an optimisation step, as the notebook prints them every 20 iterations.</summary>
public sealed record StyleTransferProgress(int Iteration, double Total, double Content, double Style, RgbImage Generated);

/// <summary>
/// model_nn: TF's AdamOptimizer (<see cref="SafeAdam"/> in TensorFlow's form) on the generated image's pixels, minimising
/// α·J_content(conv4_2) + β·J_style(STYLE_LAYERS) against fixed content and style activations. Every <c>logEvery</c>
/// iterations (from 0) it reports the costs after that step and the image, as the notebook does, and it returns the
/// image after the last iteration (the notebook's generated_image).
/// </summary>
public static class StyleTransfer
{
    /// <summary>MEANS of the VGG preprocessing, RGB.</summary>
    public static readonly float[] Means = [123.68f, 116.779f, 103.939f];

    /// <summary>reshape_and_normalize_image: (1, 3, h, w) float32 pixels minus MEANS.</summary>
    public static Tensor Normalise(RgbImage image, Device device)
    {
        var values = new float[image.Pixels.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = image.Pixels[i] - Means[i % 3];
        }

        return tensor(values, [1, image.Height, image.Width, 3], device: device).permute(0, 3, 1, 2).contiguous();
    }

    /// <summary>save_image's conversion: + MEANS, clipped to 0..255, truncated to uint8.</summary>
    public static RgbImage ToImage(Tensor generated)
    {
        using var scope = NewDisposeScope();
        var nhwc = generated.detach().cpu().permute(0, 2, 3, 1).contiguous();
        var (height, width) = ((int)nhwc.shape[1], (int)nhwc.shape[2]);
        var values = nhwc.data<float>().ToArray();
        var pixels = new byte[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            pixels[i] = (byte)Math.Clamp(values[i] + Means[i % 3], 0, 255);
        }

        return new RgbImage(width, height, pixels);
    }

    /// <summary>generate_noise_image: uniform(-20, 20, (1, h, w, 3))·noise_ratio + content·(1 - noise_ratio), from numpy's RNG.</summary>
    public static Tensor NoiseImage(Tensor content, double noiseRatio, uint seed)
    {
        var (height, width) = ((int)content.shape[2], (int)content.shape[3]);
        var noise = new NumpyRandom(seed).Uniform(-20, 20, 1, height, width, 3).Select(v => (float)v).ToArray();
        using var nchw = tensor(noise, [1, height, width, 3], device: content.device).permute(0, 3, 1, 2);
        return nchw.Times(noiseRatio).Plus(content.Times(1 - noiseRatio));
    }

    public static RgbImage Optimise(
        Vgg19 model, Tensor content, Tensor style, Tensor initial, double alpha, double beta, double learningRate, int numIterations,
        int logEvery, Action<StyleTransferProgress> onProgress, CancellationToken cancellation)
    {
        using var scope = NewDisposeScope(); // the targets and every intermediate of computing them
        model.eval();
        foreach (var p in model.parameters())
        {
            p.requires_grad = false;
        }

        var styleLayers = StyleTransferCosts.StyleLayers;
        Tensor contentTarget;
        Dictionary<string, Tensor> styleTargets;
        using (no_grad())
        {
            contentTarget = model.Activations(content, [StyleTransferCosts.ContentLayer])[StyleTransferCosts.ContentLayer];
            styleTargets = model.Activations(style, styleLayers.Select(l => l.Layer).ToArray());
        }

        using var generated = new TorchSharp.Modules.Parameter(initial.detach().clone(), requires_grad: true);
        using var optimizer = new SafeAdam([generated], learningRate, form: AdamForm.TensorFlow);
        for (var i = 0; i < numIterations; i++)
        {
            cancellation.ThrowIfCancellationRequested();
            using (var step = NewDisposeScope())
            {
                optimizer.ZeroGrad();
                Costs(model, generated, contentTarget, styleTargets, alpha, beta).Total.backward();
                optimizer.Step();
            }

            if (i % logEvery == 0)
            {
                using var report = NewDisposeScope();
                using var noGrad = no_grad();
                var (total, jContent, jStyle) = Costs(model, generated, contentTarget, styleTargets, alpha, beta);
                onProgress(new StyleTransferProgress(i, total.item<float>(), jContent.item<float>(), jStyle.item<float>(), ToImage(generated)));
            }
        }

        return ToImage(generated);
    }

    private static (Tensor Total, Tensor Content, Tensor Style) Costs(
        Vgg19 model, Tensor generated, Tensor contentTarget, IReadOnlyDictionary<string, Tensor> styleTargets, double alpha, double beta)
    {
        var layers = StyleTransferCosts.StyleLayers.Select(l => l.Layer).Append(StyleTransferCosts.ContentLayer).ToArray();
        var activations = model.Activations(generated, layers);
        var jContent = StyleTransferCosts.ContentCost(contentTarget, activations[StyleTransferCosts.ContentLayer]);
        var jStyle = StyleTransferCosts.StyleCost(styleTargets, activations, StyleTransferCosts.StyleLayers);
        return (StyleTransferCosts.TotalCost(jContent, jStyle, alpha, beta), jContent, jStyle);
    }
}
