using Platform.Workers.Assignments.C4W4NeuralStyleTransfer;
using Platform.Workers.Numerics;
using Platform.Workers.Tests.Support;
using Platform.Workers.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Workers.Tests.Assignments.C4W4NeuralStyleTransfer;

/// <summary>The costs of spec §16: the notebook's total_cost number and the formulas on hand-built tensors.</summary>
public sealed class StyleTransferCostsTests
{
    public StyleTransferCostsTests() => TorchRuntime.EnsureInitialized();

    [Fact]
    public void Total_cost_matches_the_notebook()
    {
        var rng = new NumpyRandom(3);
        var jContent = rng.NextGaussian();
        var jStyle = rng.NextGaussian();

        Expect.Printed(35.34667875478276, StyleTransferCosts.TotalCost(jContent, jStyle), 1e-12);
        using var asTensors = StyleTransferCosts.TotalCost(tensor(jContent), tensor(jStyle));
        Expect.Printed(35.34667875478276, asTensors.item<double>(), 1e-12);
    }

    [Fact]
    public void Gram_matrix_is_a_times_a_transposed()
    {
        using var a = tensor(new double[] { 1, 2, 3, 4, 5, 6 }, [2, 3]);

        using var gram = StyleTransferCosts.GramMatrix(a);

        Assert.Equal([14.0, 32, 32, 77], gram.data<double>().ToArray());
    }

    [Fact]
    public void Content_cost_is_the_squared_difference_over_4_nH_nW_nC()
    {
        using var aC = full(1, 3, 2, 4, 2.0, float64); // n_C 3, n_H 2, n_W 4
        using var aG = zeros(1, 3, 2, 4, float64);

        using var cost = StyleTransferCosts.ContentCost(aC, aG);

        Assert.Equal(24 * 4 / (4.0 * 24), cost.item<double>(), 15);
    }

    [Fact]
    public void Layer_style_cost_is_the_squared_gram_difference_over_4_nC2_nHnW2()
    {
        // One channel holding 1, 2 over a 1x2 image: G_S = [5]; a blank image: G_G = [0]; 25 / (4·1·2²).
        using var aS = tensor(new double[] { 1, 2 }, [1, 1, 1, 2]);
        using var aG = zeros(1, 1, 1, 2, float64);

        using var cost = StyleTransferCosts.LayerStyleCost(aS, aG);

        Assert.Equal(25 / 16.0, cost.item<double>(), 15);
    }

    [Fact]
    public void Layer_style_cost_unrolls_like_the_notebooks_nhwc_tensors()
    {
        // The notebook's computation on NHWC arrays, written out, against ours on the same values in NCHW.
        var rng = new NumpyRandom(1);
        int nH = 3, nW = 4, nC = 5;
        var s = rng.Randn(1, nH, nW, nC);
        var g = rng.Randn(1, nH, nW, nC);
        var expected = 0.0;
        for (var c1 = 0; c1 < nC; c1++)
        {
            for (var c2 = 0; c2 < nC; c2++)
            {
                double gs = 0, gg = 0;
                for (var p = 0; p < nH * nW; p++)
                {
                    gs += s[p * nC + c1] * s[p * nC + c2];
                    gg += g[p * nC + c1] * g[p * nC + c2];
                }

                expected += (gs - gg) * (gs - gg);
            }
        }

        expected /= 4.0 * nC * nC * (nH * nW) * (nH * nW);

        using var aS = tensor(s, [1, nH, nW, nC]).permute(0, 3, 1, 2);
        using var aG = tensor(g, [1, nH, nW, nC]).permute(0, 3, 1, 2);
        using var cost = StyleTransferCosts.LayerStyleCost(aS, aG);

        Assert.Equal(expected, cost.item<double>(), 1e-12 * expected);
    }

    [Fact]
    public void Style_cost_weights_each_layers_cost()
    {
        using var scope = NewDisposeScope();
        var style = new Dictionary<string, Tensor> { ["a"] = tensor(new double[] { 1, 2 }, [1, 1, 1, 2]), ["b"] = tensor(new double[] { 3 }, [1, 1, 1, 1]) };
        var generated = new Dictionary<string, Tensor> { ["a"] = zeros(1, 1, 1, 2, float64), ["b"] = ones(1, 1, 1, 1, float64) };

        var cost = StyleTransferCosts.StyleCost(style, generated, [("a", 0.2), ("b", 0.5)]);

        Assert.Equal(0.2 * (25 / 16.0) + 0.5 * ((9.0 - 1) * (9 - 1) / 4), cost.item<double>(), 14);
    }

    [Fact]
    public void Activations_of_different_shapes_are_refused_naming_them()
    {
        using var aC = zeros(1, 2, 2, 2);
        using var aG = zeros(1, 2, 2, 3);

        var e = Assert.Throws<ArgumentException>(() => StyleTransferCosts.ContentCost(aC, aG));

        Assert.Contains("a_C and a_G", e.Message);
    }
}
