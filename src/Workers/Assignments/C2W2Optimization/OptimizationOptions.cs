using Platform.Workers.Assignments.C2.Shared;
using Platform.Workers.Numerics;

namespace Platform.Workers.Assignments.C2W2Optimization;

/// <summary>The notebook's <c>model()</c> arguments (spec §9), named as there, and the element type the training computes in.</summary>
public sealed record OptimizationOptions(
    string Optimizer = "adam",
    double LearningRate = 0.0007,
    int MiniBatchSize = 64,
    double Beta = 0.9,
    double Beta1 = 0.9,
    double Beta2 = 0.999,
    double Epsilon = 1e-8,
    int NumEpochs = 10000,
    string Decay = LearningRateDecay.None,
    double DecayRate = 1,
    int TimeInterval = 1000,
    Dtype Dtype = Dtype.Float64)
{
    /// <summary>The learning rate after epoch <paramref name="epoch"/>'s updates, from learning_rate0.</summary>
    public double DecayedLearningRate(int epoch) => Decay switch
    {
        LearningRateDecay.UpdateLr => LearningRateDecay.Update(LearningRate, epoch, DecayRate),
        LearningRateDecay.ScheduleLrDecay => LearningRateDecay.Schedule(LearningRate, epoch, DecayRate, TimeInterval),
        _ => LearningRate,
    };
}

/// <summary>
/// What the model reports at a printed epoch: the 2020/21 average cost, the 2017 last mini-batch cost, the learning rate, and
/// the parameters after that epoch's updates (what an accuracy at this epoch is measured on).
/// </summary>
public readonly record struct EpochReport(int Epoch, double Cost, double LastMinibatchCost, double LearningRate, ParameterSet Parameters);
