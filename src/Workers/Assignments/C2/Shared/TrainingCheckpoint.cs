using Platform.Workers.Jobs;
using Platform.Workers.Jobs.Checkpoints;
using Platform.Workers.Numerics;

namespace Platform.Workers.Assignments.C2.Shared;

/// <summary>
/// Checkpoints of the C2 numpy-style trainings: parameter sets (the model and the optimisers' v and s) under a name, and the
/// cost history kept for the cost curve. Values are stored bit for bit, so a resumed training ends exactly where an
/// uninterrupted one does.
/// </summary>
public static class TrainingCheckpoint
{
    public const string Parameters = "parameters";

    public static CheckpointData PutParameters(this CheckpointData checkpoint, string name, ParameterSet parameters)
    {
        for (var l = 0; l < parameters.LayerCount; l++)
        {
            checkpoint.Put($"{name}.W{l + 1}", parameters.W[l].Data).Put($"{name}.b{l + 1}", parameters.B[l].Data);
        }

        return checkpoint;
    }

    /// <summary>Copies the stored parameter set <paramref name="name"/> into <paramref name="into"/>, which has its shapes.</summary>
    public static void RestoreParameters(this CheckpointData checkpoint, string name, ParameterSet into)
    {
        for (var l = 0; l < into.LayerCount; l++)
        {
            CopyExact(checkpoint.Doubles($"{name}.W{l + 1}"), into.W[l], $"{name}.W{l + 1}");
            CopyExact(checkpoint.Doubles($"{name}.b{l + 1}"), into.B[l], $"{name}.b{l + 1}");
        }
    }

    public static CheckpointData PutCosts(this CheckpointData checkpoint, CostHistory costs) =>
        checkpoint.Put("costs.steps", costs.Points.Select(p => p.X).ToArray()).Put("costs.values", costs.Points.Select(p => p.Y).ToArray());

    public static void RestoreCosts(this CheckpointData checkpoint, CostHistory costs) =>
        costs.Restore(checkpoint.Doubles("costs.steps"), checkpoint.Doubles("costs.values"));

    private static void CopyExact(double[] stored, Matrix into, string name)
    {
        if (stored.Length != into.Data.Length)
        {
            throw new InvalidDataException($"the checkpoint's {name} has {stored.Length} values, the model {into.Data.Length}");
        }

        stored.CopyTo(into.Data, 0);
    }
}
