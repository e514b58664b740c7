using Platform.Contracts.Tracking;

namespace Platform.Silo.Search;

/// <summary>
/// Largest-triangle-three-buckets downsampling (Steinarsson 2013) of a metric history, x = step: keeps the first and last
/// points and, per bucket, the point forming the largest triangle with its neighbours, so peaks and dips survive.
/// NaN and infinite points are skipped for the area but may still be chosen when a bucket holds nothing else.
/// </summary>
public static class Lttb
{
    public static IReadOnlyList<Metric> Downsample(IReadOnlyList<Metric> points, int threshold)
    {
        if (threshold >= points.Count || threshold <= 0)
            return points;
        if (threshold < 3)
            return threshold == 1 ? [points[^1]] : [points[0], points[^1]];

        var sampled = new List<Metric>(threshold) { points[0] };
        var bucketSize = (double)(points.Count - 2) / (threshold - 2);
        var a = 0;
        for (var i = 0; i < threshold - 2; i++)
        {
            var start = (int)Math.Floor(i * bucketSize) + 1;
            var end = (int)Math.Floor((i + 1) * bucketSize) + 1;
            // The average of the next bucket is the third vertex.
            var nextStart = end;
            var nextEnd = Math.Min((int)Math.Floor((i + 2) * bucketSize) + 1, points.Count);
            double avgX = 0, avgY = 0;
            var n = 0;
            for (var j = nextStart; j < nextEnd; j++)
            {
                if (!double.IsFinite(points[j].Value))
                    continue;
                avgX += points[j].Step;
                avgY += points[j].Value;
                n++;
            }
            if (n > 0)
            {
                avgX /= n;
                avgY /= n;
            }
            else
            {
                (avgX, avgY) = (points[^1].Step, double.IsFinite(points[^1].Value) ? points[^1].Value : 0);
            }

            var pa = points[a];
            var ay = double.IsFinite(pa.Value) ? pa.Value : 0;
            var best = start;
            var bestArea = -1.0;
            for (var j = start; j < end; j++)
            {
                var p = points[j];
                var area = double.IsFinite(p.Value)
                    ? Math.Abs((pa.Step - avgX) * (p.Value - ay) - (pa.Step - p.Step) * (avgY - ay))
                    : -0.5;
                if (area > bestArea)
                {
                    bestArea = area;
                    best = j;
                }
            }
            sampled.Add(points[best]);
            a = best;
        }
        sampled.Add(points[^1]);
        return sampled;
    }
}
