using Platform.Contracts.Sweeps;

namespace Platform.Silo.Sweeps.Stopping;

/// <summary>
/// Maps W&amp;B's <c>early_terminate: {type: hyperband, ...}</c> onto ASHA rungs, with the band formulas of W&amp;B's
/// hyperband_stopping.py: with <c>min_iter</c>, bands min_iter · eta^k for k = 0, 1, ...; with <c>max_iter</c> and
/// <c>s</c>, bands floor(max_iter / eta^k) for k = 1..s (stopping at the first below 1), ascending. Each band is an ASHA
/// rung, and W&amp;B's keep-fraction r = 1/eta is ASHA's top 1/eta. (W&amp;B judges bands in its periodic scan; ASHA
/// judges each trial as it reaches the band.)
/// </summary>
public static class HyperbandRungs
{
    public static IReadOnlyList<long> FromWandb(EarlyTerminateSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentOutOfRangeException.ThrowIfLessThan(spec.Eta, 2);
        var rungs = new List<long>();
        if (spec.MaxIter is { } maxIter)
        {
            var band = (double)maxIter;
            for (var k = 0; k < (spec.S ?? 0); k++)
            {
                band /= spec.Eta;
                if (band < 1)
                {
                    break;
                }

                rungs.Add((long)band);
            }

            rungs.Reverse();
        }
        else if (spec.MinIter is { } minIter)
        {
            // W&B lists 100 bands; long stops far earlier, and no trial trains for more than long.MaxValue steps.
            for (long band = minIter; band > 0 && rungs.Count < 100; band = band > long.MaxValue / spec.Eta ? 0 : band * spec.Eta)
            {
                rungs.Add(band);
            }
        }

        // Integer division can repeat a band (max_iter 10, eta 3, s 3 gives 3, 1, 0.37); a rung is judged once.
        var distinct = rungs.Distinct().ToArray();
        return distinct.Length > 0
            ? distinct
            : throw new ArgumentException("hyperband needs min_iter, or max_iter with s giving at least one band of 1 or more", nameof(spec));
    }
}
