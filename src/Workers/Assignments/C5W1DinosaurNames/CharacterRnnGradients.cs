namespace Platform.Workers.Assignments.C5W1DinosaurNames;

/// <summary>The gradients of one name's loss, laid out like <see cref="CharacterRnn"/>'s parameters (row-major).</summary>
public sealed record CharacterRnnGradients(double[] DWax, double[] DWaa, double[] DWya, double[] Db, double[] Dby)
{
    public static CharacterRnnGradients Zeros(int nA, int vocabSize) =>
        new(new double[nA * vocabSize], new double[nA * nA], new double[vocabSize * nA], new double[nA], new double[vocabSize]);

    /// <summary>clip: every value of dWaa, dWax, dWya, db and dby into [-maxValue, maxValue], in place (np.clip with out=).</summary>
    public void Clip(double maxValue)
    {
        if (!(maxValue > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(maxValue), maxValue, "maxValue must be positive");
        }

        foreach (var gradient in new[] { DWax, DWaa, DWya, Db, Dby })
        {
            for (var i = 0; i < gradient.Length; i++)
            {
                gradient[i] = Math.Clamp(gradient[i], -maxValue, maxValue);
            }
        }
    }
}
