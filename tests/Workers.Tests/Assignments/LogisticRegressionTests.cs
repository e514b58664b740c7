using Platform.Workers.Assignments.C1W2;
using Platform.Workers.Numerics;
using Platform.Workers.Tests.Support;
using Platform.Workers.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Workers.Tests.Assignments;

/// <summary>The notebook's unit tests for spec §2, 2017 and 2020/21 inputs.</summary>
public sealed class LogisticRegressionTests
{
    public LogisticRegressionTests() => TorchRuntime.EnsureInitialized();

    [Fact]
    public void Sigmoid_matches_the_2017_and_2020_expected_values()
    {
        using var scope = torch.NewDisposeScope();
        var values = Values(LogisticRegression.Sigmoid(Matrix(1, 3, [0, 9.2, 2])));

        Expect.Printed(0.5, values[0]);
        Expect.Printed(0.999898970806, values[1]);
        Expect.Printed(0.88079708, values[2]);
    }

    [Fact]
    public void Propagate_matches_the_2017_expected_gradients_and_cost()
    {
        using var scope = torch.NewDisposeScope();
        var result = LogisticRegression.Propagate(Matrix(2, 1, [1, 2]), 2, Matrix(2, 2, [1, 2, 3, 4]), Matrix(1, 2, [1, 0]));

        Expect.Printed([0.99993216, 1.99980262], Values(result.Dw));
        Expect.Printed(0.499935230625, result.Db);
        Expect.Printed(6.000064773192205, result.Cost);
    }

    [Fact]
    public void Propagate_matches_the_2020_expected_gradients_and_cost()
    {
        using var scope = torch.NewDisposeScope();
        var result = LogisticRegression.Propagate(Matrix(2, 1, [1, 2]), 1.5, X2020, Y2020);

        Expect.Printed([0.25071532, -0.06604096], Values(result.Dw));
        Expect.Printed(-0.1250040450043965, result.Db);
        Expect.Printed(0.15900537707692405, result.Cost);
    }

    [Fact]
    public void Optimize_matches_the_2017_expected_parameters_and_last_gradients_and_predict_gives_ones()
    {
        using var scope = torch.NewDisposeScope();
        var x = Matrix(2, 2, [1, 2, 3, 4]);
        var result = LogisticRegression.Optimize(Matrix(2, 1, [1, 2]), 2, x, Matrix(1, 2, [1, 0]), 100, 0.009);

        Expect.Printed([0.1124579, 0.23106775], Values(result.W));
        Expect.Printed(1.55930492484, result.B);
        Expect.Printed([0.90158428, 1.76250842], Values(result.Dw));
        Expect.Printed(0.430462071679, result.Db);
        Assert.Equal([1.0, 1.0], Values(LogisticRegression.Predict(result.W, result.B, x)));
    }

    [Fact]
    public void Optimize_matches_the_2020_expected_parameters_gradients_and_costs()
    {
        using var scope = torch.NewDisposeScope();
        var w = Matrix(2, 1, [1, 2]);
        var result = LogisticRegression.Optimize(w, 1.5, X2020, Y2020, 100, 0.009);

        Expect.Printed([0.80956046, 2.0508202], Values(result.W));
        Expect.Printed(1.5948713189708588, result.B);
        Expect.Printed([0.17860505, -0.04840656], Values(result.Dw));
        Expect.Printed(-0.08888460336847771, result.Db);
        Expect.Printed([0.15900538], result.Costs);
        Assert.Equal([1.0, 2.0], Values(w));
    }

    [Fact]
    public void Predict_matches_the_2020_expected_labels()
    {
        using var scope = torch.NewDisposeScope();
        var predictions = LogisticRegression.Predict(Matrix(2, 1, [0.1124579, 0.23106775]), -0.3, Matrix(2, 3, [1, -1.1, -3.2, 1.2, 2, 0.1]));

        Assert.Equal([1.0, 1.0, 0.0], Values(predictions));
    }

    private static Tensor X2020 => Matrix(2, 3, [1, -2, -1, 3, 0.5, -3.2]);

    private static Tensor Y2020 => Matrix(1, 3, [1, 1, 0]);

    private static Tensor Matrix(long rows, long columns, double[] rowMajor) => Float64Tensors.FromRowMajor(rowMajor, [rows, columns]);

    private static double[] Values(Tensor t) => Float64Tensors.Values(t);
}
