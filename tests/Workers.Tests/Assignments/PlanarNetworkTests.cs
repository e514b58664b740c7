using Platform.Workers.Assignments.C1W3;
using Platform.Workers.Numerics;
using Platform.Workers.Tests.Support;

namespace Platform.Workers.Tests.Assignments;

/// <summary>The notebook's unit tests for spec §3 (2017 and 2020 inputs).</summary>
public sealed class PlanarNetworkTests
{
    [Fact]
    public void Layer_sizes_are_the_input_rows_4_and_the_output_rows()
    {
        var random = new NumpyRandom(1);
        var x = new Matrix(5, 3, random.Randn(5, 3));
        var y = new Matrix(2, 3, random.Randn(2, 3));

        Assert.Equal((5, 4, 2), PlanarNetwork.LayerSizes(x, y));
    }

    [Fact]
    public void Initialize_parameters_draws_the_notebooks_weights_from_seed_2_and_zero_biases()
    {
        var p = PlanarNetwork.InitializeParameters(2, 4, 1);

        Expect.Printed([-0.00416758, -0.00056267, -0.02136196, 0.01640271, -0.01793436, -0.00841747, 0.00502881, -0.01245288], p.W1.Data);
        Expect.Printed([-0.01057952, -0.00909008, 0.00551454, 0.02292208], p.W2.Data);
        Assert.All(p.B1.Data.Concat(p.B2.Data), b => Assert.Equal(0.0, b));
        Assert.Equal((4, 1, 1, 1), (p.B1.Rows, p.B1.Columns, p.B2.Rows, p.B2.Columns));
    }

    [Fact]
    public void Forward_propagation_matches_the_2017_means()
    {
        var x = new Matrix(2, 3, new NumpyRandom(1).Randn(2, 3));

        var cache = PlanarNetwork.ForwardPropagation(x, InitRounded());

        Expect.Printed(-0.000499755777742, cache.Z1.Mean());
        Expect.Printed(-0.000496963353232, cache.A1.Mean());
        Expect.Printed(0.000438187450959, cache.Z2.Mean());
        Expect.Printed(0.500109546852, cache.A2.Mean());
    }

    [Fact]
    public void Compute_cost_matches_the_2017_value_with_real_valued_labels()
    {
        var y = new Matrix(1, 3, new NumpyRandom(1).Randn(1, 3));

        Expect.Printed(0.692919893776, PlanarNetwork.ComputeCost(TestA2, y));
    }

    [Fact]
    public void Compute_cost_matches_the_2020_value_with_boolean_labels()
    {
        var y = new Matrix(1, 3, new NumpyRandom(1).Randn(1, 3)).Map(v => v > 0 ? 1 : 0);

        Expect.Printed(0.6930587610394646, PlanarNetwork.ComputeCost(TestA2, y));
    }

    [Fact]
    public void Backward_propagation_matches_the_2017_gradients()
    {
        var random = new NumpyRandom(1);
        var x = new Matrix(2, 3, random.Randn(2, 3));
        var y = new Matrix(1, 3, random.Randn(1, 3));
        var parameters = InitRounded();

        var g = PlanarNetwork.BackwardPropagation(parameters, PlanarNetwork.ForwardPropagation(x, parameters), x, y);

        Expect.Printed([0.01018708, -0.00708701], g.DW1.Data.Take(2).ToArray());
        Expect.Printed([0.00363613, 0.03153604, 0.01162914, -0.01318316], g.DW2.Data);
        Expect.Printed([0.06589489], g.Db2.Data);
    }

    [Fact]
    public void Backward_propagation_matches_the_2020_gradients()
    {
        var random = new NumpyRandom(1);
        var x = new Matrix(2, 3, random.Randn(2, 3));
        var y = new Matrix(1, 3, random.Randn(1, 3)).Map(v => v > 0 ? 1 : 0);
        var parameters = InitRounded();

        var g = PlanarNetwork.BackwardPropagation(parameters, PlanarNetwork.ForwardPropagation(x, parameters), x, y);

        Expect.Printed([0.00301023, -0.00747267, 0.00257968, -0.00641288, -0.00156892, 0.003893, -0.00652037, 0.01618243], g.DW1.Data);
        Expect.Printed([0.00176201, 0.00150995, -0.00091736, -0.00381422], g.Db1.Data);
        Expect.Printed([0.00078841, 0.01765429, -0.00084166, -0.01022527], g.DW2.Data);
        Expect.Printed([-0.16655712], g.Db2.Data);
    }

    [Fact]
    public void Nn_model_matches_the_2020_trained_parameters_and_first_cost()
    {
        var random = new NumpyRandom(1);
        var x = new Matrix(2, 3, random.Randn(2, 3));
        var y = new Matrix(1, 3, random.Randn(1, 3)).Map(v => v > 0 ? 1 : 0);
        var costs = new List<(int, double)>();

        var p = PlanarNetwork.NnModel(x, y, 4, 10000, 1.2, (i, c) => costs.Add((i, c)));

        Expect.Printed(0.692739, costs[0].Item2, relative: 1e-6);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => i * 1000), costs.Select(c => c.Item1));
        // After 10000 steps on 3 points the parameters are large; the notebook prints 8 digits, compared at 1e-6 relative.
        Expect.Printed([-0.65848169, 1.21866811, -0.76204273, 1.39377573, 0.5792005, -1.10397703, 0.76773391, -1.41477129], p.W1.Data, relative: 1e-6);
        Expect.Printed([0.287592, 0.3511264, -0.2431246, -0.35772805], p.B1.Data, relative: 1e-6);
        Expect.Printed([-2.45566237, -3.27042274, 2.00784958, 3.36773273], p.W2.Data, relative: 1e-6);
        Expect.Printed([0.20459656], p.B2.Data, relative: 1e-6);
    }

    [Fact]
    public void The_preallocated_training_loop_matches_the_step_by_step_functions_on_the_flower()
    {
        var (x, y) = PlanarFlower.Generate();
        var fastCosts = new List<double>();
        var referenceCosts = new List<double>();

        var fast = PlanarNetwork.NnModel(x, y, 4, 1001, 1.2, (_, c) => fastCosts.Add(c));
        var reference = PlanarNetwork.NnModelStepByStep(x, y, 4, 1001, 1.2, (_, c) => referenceCosts.Add(c));

        // Same algorithm, other summation order and tanh/exp implementations: rounding-level differences only.
        Expect.Printed([.. referenceCosts], [.. fastCosts], relative: 1e-10);
        Expect.Printed(reference.W1.Data, fast.W1.Data, relative: 1e-8);
        Expect.Printed(reference.W2.Data, fast.W2.Data, relative: 1e-8);
        Expect.Printed(reference.B2.Data, fast.B2.Data, relative: 1e-8);
    }

    /// <summary>a2 of the compute_cost tests.</summary>
    private static Matrix TestA2 => new(1, 3, [0.5002307, 0.49985831, 0.50023963]);

    /// <summary>initialize_parameters(2, 4, 1) rounded to 8 decimals, b = 0: the notebooks' hard-coded test parameters.</summary>
    private static PlanarParameters InitRounded()
    {
        var p = PlanarNetwork.InitializeParameters(2, 4, 1);
        return p with { W1 = p.W1.Round(8), W2 = p.W2.Round(8) };
    }
}
