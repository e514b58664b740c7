using Platform.Workers.Assignments.C1W2;
using Platform.Workers.Assignments.C1W4;
using Platform.Workers.Data;
using Platform.Workers.Numerics;
using Platform.Workers.Tests.Support;
using Platform.Workers.Torch;
using TorchSharp;

namespace Platform.Workers.Tests.Assignments;

/// <summary>
/// The cat networks' Gram-form paths against the notebook's loops on the same data: equal in real arithmetic, so only
/// rounding may differ. (The jobs' EXACT tests check the Gram paths against the notebook's printed numbers.)
/// </summary>
public sealed class GramFormTests
{
    private static readonly Lazy<(Hdf5ImageDataset Train, Hdf5ImageDataset Test)> Cats = new(() =>
        (Hdf5ImageDataset.Read(TestData.DataDirectory.File(C1W2LogisticRegressionJob.TrainFile), "train_set_x", "train_set_y"),
         Hdf5ImageDataset.Read(TestData.DataDirectory.File(C1W2LogisticRegressionJob.TestFile), "test_set_x", "test_set_y")));

    [Fact]
    public void The_Gram_form_pays_only_with_fewer_examples_than_twice_the_features()
    {
        Assert.True(GramForm.Pays(12288, 209));
        Assert.False(GramForm.Pays(2, 400));
        Assert.False(GramForm.Pays(100, 200));
    }

    [Fact]
    public void Logistic_regression_in_Gram_form_follows_the_notebooks_loop()
    {
        TorchRuntime.EnsureInitialized();
        using var scope = torch.NewDisposeScope();
        var x = ImageTensors.Columns(Cats.Value.Train);
        var y = ImageTensors.LabelRow(Cats.Value.Train);
        var (w, b) = LogisticRegression.InitializeWithZeros(Cats.Value.Train.FeaturesPerImage);

        var reference = LogisticRegression.Optimize(w, b, x, y, 301, 0.005);
        var gram = GramLogisticRegression.Optimize(w, b, x, y, 301, 0.005);

        Expect.Printed([.. reference.Costs], [.. gram.Costs], relative: 1e-12);
        AssertClose(Float64Tensors.Values(reference.W), Float64Tensors.Values(gram.W), "w");
        Expect.Printed(reference.B, gram.B, relative: 1e-12);
        AssertClose(Float64Tensors.Values(reference.Dw), Float64Tensors.Values(gram.Dw), "dw");
        Expect.Printed(reference.Db, gram.Db, relative: 1e-12);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_cat_networks_with_the_first_layer_in_Gram_form_follow_the_notebooks_loop(bool twoLayer)
    {
        TorchRuntime.EnsureInitialized();
        using var scope = torch.NewDisposeScope();
        var x = ImageTensors.Columns(Cats.Value.Train);
        var y = ImageTensors.LabelRow(Cats.Value.Train);
        IReadOnlyList<LayerParameters> Initial() =>
            twoLayer ? CatClassifier.InitializeTwoLayer([12288, 7, 1]) : CatClassifier.InitializeLLayer([12288, 20, 7, 5, 1]);
        var (reference, gram) = (Initial(), Initial());
        var (referenceCosts, gramCosts) = (new List<double>(), new List<double>());

        CatClassifier.Train(reference, x, y, 0.0075, 101, (_, c) => referenceCosts.Add(c));
        GramCatTraining.Train(gram, x, y, 0.0075, 101, (_, c) => gramCosts.Add(c));

        Expect.Printed(referenceCosts, gramCosts, relative: 1e-12);
        for (var l = 0; l < reference.Count; l++)
        {
            AssertClose(Float64Tensors.Values(reference[l].W), Float64Tensors.Values(gram[l].W), $"W{l + 1}");
            AssertClose(Float64Tensors.Values(reference[l].B), Float64Tensors.Values(gram[l].B), $"b{l + 1}");
        }
    }

    /// <summary>
    /// Every element within 1e-9 of the largest magnitude: the rounding of a sum is relative to its terms, so an element
    /// that cancels to near zero (dw has some of 1e-7 among values of 1e-2) keeps an absolute, not a relative, error.
    /// </summary>
    private static void AssertClose(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        var tolerance = 1e-9 * expected.Max(Math.Abs);
        var worst = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
        Assert.True(worst <= tolerance, $"{what}: largest difference {worst:G3}, allowed {tolerance:G3}");
    }
}
