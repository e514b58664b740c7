using Platform.Workers.Assignments.C2.Shared;
using Platform.Workers.Numerics;

namespace Platform.Workers.Assignments.C2W1Initialization;

/// <summary>The notebook's three initialisers (spec §6): b = 0; the random ones draw W_l after seed(3) in layer order.</summary>
public static class Initializers
{
    public const uint Seed = 3;

    public static ParameterSet Create(string initialization, IReadOnlyList<int> layersDims) => initialization switch
    {
        "zeros" => Zeros(layersDims),
        "random" => Random(layersDims),
        "he" => He(layersDims),
        _ => throw new ArgumentException($"initialization must be zeros, random or he; got '{initialization}'", nameof(initialization)),
    };

    public static ParameterSet Zeros(IReadOnlyList<int> layersDims) => ParameterSet.Zeros(layersDims);

    /// <summary>W = randn(n_l, n_{l-1})·10: large weights that saturate the sigmoid.</summary>
    public static ParameterSet Random(IReadOnlyList<int> layersDims) =>
        ParameterSet.RandomNormal(layersDims, new NumpyRandom(Seed), (value, _) => value * 10);

    /// <summary>W = randn(n_l, n_{l-1})·sqrt(2/n_{l-1}).</summary>
    public static ParameterSet He(IReadOnlyList<int> layersDims) =>
        ParameterSet.RandomNormal(layersDims, new NumpyRandom(Seed), (value, fanIn) => value * Math.Sqrt(2.0 / fanIn));
}
