namespace Platform.Workers.Assignments.C2.Shared;

/// <summary>The 2020/21 optimization notebook's decay schedules, applied at the end of each epoch (spec §9).</summary>
public static class LearningRateDecay
{
    public const string None = "none";
    public const string UpdateLr = "update_lr";
    public const string ScheduleLrDecay = "schedule_lr_decay";

    /// <summary>learning_rate0 / (1 + decay_rate·epoch_num).</summary>
    public static double Update(double learningRate0, int epochNum, double decayRate) =>
        learningRate0 / (1 + decayRate * epochNum);

    /// <summary>learning_rate0 / (1 + decay_rate·⌊epoch_num / time_interval⌋).</summary>
    public static double Schedule(double learningRate0, int epochNum, double decayRate, int timeInterval = 1000) =>
        learningRate0 / (1 + decayRate * Math.Floor((double)epochNum / timeInterval));
}
