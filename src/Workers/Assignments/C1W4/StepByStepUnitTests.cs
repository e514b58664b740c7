using Platform.Workers.Jobs;
using Platform.Workers.Numerics;
using TorchSharp;
using static TorchSharp.torch;

namespace Platform.Workers.Assignments.C1W4;

/// <summary>
/// The notebook's unit tests for the building blocks (spec §4, 2020/21 v8a, plus the 2017 ones that are EXACT), each with
/// the notebook's seeded inputs. Values are compared to 1e-7 relative, or to the printed digits where those are coarser.
/// </summary>
public static class StepByStepUnitTests
{
    public const double RelativeTolerance = 1e-7;

    public static IReadOnlyList<UnitTestResult> RunAll()
    {
        using var scope = torch.NewDisposeScope();
        return
        [
            InitializeParameters2020(), InitializeParameters2017(), InitializeParametersDeep(),
            LinearForward(), LinearActivationForward(Activation.Sigmoid), LinearActivationForward(Activation.Relu),
            LModelForward(), LModelForwardCacheCount(), ComputeCost2020(), ComputeCost2017(), LinearBackward(),
            LinearActivationBackward(Activation.Sigmoid), LinearActivationBackward(Activation.Relu), LModelBackward(), UpdateParameters(),
        ];
    }

    private static UnitTestResult InitializeParameters2020()
    {
        var p = DeepNetwork.InitializeParameters(3, 2, 1);
        return Check("initialize_parameters(3,2,1)", [.. V(p[0].W), .. V(p[1].W)],
            [0.01624345, -0.00611756, -0.00528172, -0.01072969, 0.00865408, -0.02301539, 0.01744812, -0.00761207]);
    }

    private static UnitTestResult InitializeParameters2017()
    {
        var p = DeepNetwork.InitializeParameters(2, 2, 1);
        return Check("initialize_parameters(2,2,1) 2017", [.. V(p[0].W), .. V(p[1].W)],
            [0.01624345, -0.00611756, -0.00528172, -0.01072969, 0.00865408, -0.02301539]);
    }

    private static UnitTestResult InitializeParametersDeep()
    {
        var p = DeepNetwork.InitializeParametersDeep([5, 4, 3], seed: 3, WeightScale.TimesHundredth);
        return Check("initialize_parameters_deep([5,4,3])", [.. V(p[0].W[0]), .. V(p[0].W[3]), .. V(p[1].W[2])],
        [
            0.01788628, 0.0043651, 0.00096497, -0.01863493, -0.00277388,
            -0.00404677, -0.0054536, -0.01546477, 0.00982367, -0.01101068,
            -0.00768836, -0.00230031, 0.00745056, 0.01976111,
        ]);
    }

    private static UnitTestResult LinearForward()
    {
        var r = new NumpyRandom(1);
        var (a, w, b) = (Randn(r, 3, 2), Randn(r, 1, 3), Randn(r, 1, 1));
        return Check("linear_forward", V(DeepNetwork.LinearForward(a, w, b).Z), [3.26295337, -1.23429987]);
    }

    private static UnitTestResult LinearActivationForward(Activation activation)
    {
        var r = new NumpyRandom(2);
        var (aPrev, w, b) = (Randn(r, 3, 2), Randn(r, 1, 3), Randn(r, 1, 1));
        var expected = activation == Activation.Sigmoid ? new[] { 0.96890023, 0.11013289 } : [3.43896131, 0.0];
        return Check($"linear_activation_forward {Name(activation)}", V(DeepNetwork.LinearActivationForward(aPrev, w, b, activation).A), expected);
    }

    private static (Tensor AL, IReadOnlyList<ActivationCache> Caches) LModelForwardOnTestInput()
    {
        var r = new NumpyRandom(6);
        var x = Randn(r, 5, 4);
        var parameters = new LayerParameters[]
        {
            new(Randn(r, 4, 5), Randn(r, 4, 1)), new(Randn(r, 3, 4), Randn(r, 3, 1)), new(Randn(r, 1, 3), Randn(r, 1, 1)),
        };
        return DeepNetwork.LModelForward(x, parameters);
    }

    private static UnitTestResult LModelForward() =>
        Check("L_model_forward AL", V(LModelForwardOnTestInput().AL), [0.03921668, 0.70498921, 0.19734387, 0.04728177]);

    private static UnitTestResult LModelForwardCacheCount() =>
        Check("L_model_forward caches", [LModelForwardOnTestInput().Caches.Count], [3]);

    private static UnitTestResult ComputeCost2020() =>
        Check("compute_cost", [DeepNetwork.ComputeCost(Row(0.8, 0.9, 0.4), Row(1, 1, 0))], [0.2797765635793422]);

    private static UnitTestResult ComputeCost2017() =>
        Check("compute_cost 2017", [DeepNetwork.ComputeCost(Row(0.8, 0.9, 0.4), Row(1, 1, 1))], [0.41493159961539694]);

    private static UnitTestResult LinearBackward()
    {
        var r = new NumpyRandom(1);
        var (dZ, aPrev, w, b) = (Randn(r, 3, 4), Randn(r, 5, 4), Randn(r, 3, 5), Randn(r, 3, 1));
        var g = DeepNetwork.LinearBackward(dZ, new LinearCache(aPrev, w, b));
        return Check("linear_backward", [.. V(g.DW[0]), .. V(g.Db), .. V(g.DAPrev![0])],
        [
            0.07313866, -0.0976715, -0.87585828, 0.73763362, 0.00785716,
            -0.14713786, -0.11313155, -0.13209101,
            -1.15171336, 0.06718465, -0.3204696, 2.09812712,
        ]);
    }

    private static UnitTestResult LinearActivationBackward(Activation activation)
    {
        var r = new NumpyRandom(2);
        var (dA, aPrev, w, b, z) = (Randn(r, 1, 2), Randn(r, 3, 2), Randn(r, 1, 3), Randn(r, 1, 1), Randn(r, 1, 2));
        var g = DeepNetwork.LinearActivationBackward(dA, new ActivationCache(new LinearCache(aPrev, w, b), z), activation);
        double[] expected = activation == Activation.Sigmoid
            ? [0.11017994, 0.01105339, 0.09466817, 0.00949723, -0.05743092, -0.00576154, 0.10266786, 0.09778551, -0.01968084, -0.05729622]
            : [0.44090989, -0.0, 0.37883606, -0.0, -0.2298228, 0.0, 0.44513824, 0.37371418, -0.10478989, -0.20837892];
        return Check($"linear_activation_backward {Name(activation)}", [.. V(g.DAPrev!), .. V(g.DW), .. V(g.Db)], expected);
    }

    private static UnitTestResult LModelBackward()
    {
        var r = new NumpyRandom(3);
        var al = Randn(r, 1, 2);
        var y = Row(1, 0);
        var layer1 = new ActivationCache(new LinearCache(Randn(r, 4, 2), Randn(r, 3, 4), Randn(r, 3, 1)), Randn(r, 3, 2));
        var layer2 = new ActivationCache(new LinearCache(Randn(r, 3, 2), Randn(r, 1, 3), Randn(r, 1, 1)), Randn(r, 1, 2));
        var g = DeepNetwork.LModelBackward(al, y, [layer1, layer2]);
        return Check("L_model_backward", [.. V(g[0].DW), .. V(g[0].Db), .. V(g[1].DAPrev!)],
        [
            0.41010002, 0.07807203, 0.13798444, 0.10502167, 0, 0, 0, 0, 0.05283652, 0.01005865, 0.01777766, 0.0135308,
            -0.22007063, 0, -0.02835349,
            0.12913162, -0.44014127, -0.14175655, 0.48317296, 0.01663708, -0.05670698,
        ]);
    }

    private static UnitTestResult UpdateParameters()
    {
        var r = new NumpyRandom(2);
        var parameters = new LayerParameters[] { new(Randn(r, 3, 4), Randn(r, 3, 1)), new(Randn(r, 1, 3), Randn(r, 1, 1)) };
        r.Seed(3);
        var gradients = new LayerGradients[] { new(null, Randn(r, 3, 4), Randn(r, 3, 1)), new(null, Randn(r, 1, 3), Randn(r, 1, 1)) };
        DeepNetwork.UpdateParameters(parameters, gradients, 0.1);
        return Check("update_parameters", [.. V(parameters[0].W[0]), .. V(parameters[0].B), .. V(parameters[1].W), .. V(parameters[1].B)],
        [
            -0.59562069, -0.09991781, -2.14584584, 1.82662008,
            -0.04659241, -1.28888275, 0.53405496,
            -0.55569196, 0.0354055, 1.32964895,
            -0.84610769,
        ]);
    }

    private static UnitTestResult Check(string name, double[] computed, double[] expected) =>
        UnitTestResult.Compare(name, computed, expected, RelativeTolerance);

    private static Tensor Randn(NumpyRandom random, int rows, int columns) => Float64Tensors.Randn(random, rows, columns);

    private static Tensor Row(params double[] values) => Float64Tensors.FromRowMajor(values, [1, values.Length]);

    private static double[] V(Tensor tensor) => Float64Tensors.Values(tensor);

    private static string Name(Activation activation) => activation == Activation.Sigmoid ? "sigmoid" : "relu";
}
