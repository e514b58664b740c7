using System.Buffers;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Platform.Contracts.Tracking;

namespace Platform.Silo.Tests.Load;

/// <summary>
/// Concurrent metric ingest through runs/log-batch over HTTP, as trials do it: each writer owns a run and sends batches of
/// <see cref="BatchSize"/> points; every <c>resendEvery</c>-th batch is sent a second time, as a client retrying after a lost
/// response would. Used by the Slow test (exact count) and by the benchmark (points per second).
/// </summary>
public static class IngestLoad
{
    public const int BatchSize = 1000;

    public sealed record Result(IReadOnlyList<string> RunIds, long PointsSent, long BatchesResent, TimeSpan Elapsed)
    {
        public double PointsPerSecond => PointsSent / Elapsed.TotalSeconds;
    }

    public static async Task<Result> RunAsync(HttpClient http, string experimentId, int writers, int pointsPerWriter, int resendEvery)
    {
        var runIds = new List<string>();
        for (var w = 0; w < writers; w++)
        {
            using var created = await http.PostAsync("api/2.0/mlflow/runs/create", Json(new { experiment_id = experimentId, run_name = $"writer-{w}" }));
            created.EnsureSuccessStatusCode();
            using var doc = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
            runIds.Add(doc.RootElement.GetProperty("run").GetProperty("info").GetProperty("run_id").GetString()!);
        }

        long resent = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(runIds.Select(runId => Task.Run(async () =>
        {
            // One body buffer per writer, reused: the client shares the benchmark's process (and CPU figure) with the server.
            var body = new ArrayBufferWriter<byte>(BatchSize * 80);
            await using var json = new Utf8JsonWriter(body);
            var batches = (pointsPerWriter + BatchSize - 1) / BatchSize;
            for (var b = 0; b < batches; b++)
            {
                body.ResetWrittenCount();
                json.Reset();
                WriteBatch(json, runId, b, Math.Min(BatchSize, pointsPerWriter - b * BatchSize));
                await SendAsync(http, body.WrittenMemory);
                if (resendEvery > 0 && b % resendEvery == resendEvery - 1)
                {
                    await SendAsync(http, body.WrittenMemory);
                    Interlocked.Increment(ref resent);
                }
            }
        })));
        clock.Stop();
        return new Result(runIds, (long)writers * pointsPerWriter, resent, clock.Elapsed);
    }

    private static readonly JsonEncodedText Loss = JsonEncodedText.Encode("loss"), Acc = JsonEncodedText.Encode("acc");

    /// <summary>An MLflow log-batch body of <paramref name="count"/> metrics (two keys alternating), as a client serialises it.</summary>
    private static void WriteBatch(Utf8JsonWriter json, string runId, int batch, int count)
    {
        json.WriteStartObject();
        json.WriteString("run_id"u8, runId);
        json.WriteStartArray("metrics"u8);
        for (var i = 0; i < count; i++)
        {
            var step = (long)batch * BatchSize + i;
            json.WriteStartObject();
            json.WriteString("key"u8, step % 2 == 0 ? Loss : Acc);
            json.WriteNumber("value"u8, Math.Sin(step * 1e-3));
            json.WriteNumber("timestamp"u8, 1_700_000_000_000 + step);
            json.WriteNumber("step"u8, step);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
    }

    private static async Task SendAsync(HttpClient http, ReadOnlyMemory<byte> body)
    {
        var content = new ReadOnlyMemoryContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync("api/2.0/mlflow/runs/log-batch", content);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"log-batch answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private static StringContent Json(object value) =>
        new(JsonSerializer.Serialize(value, TrackingJson.Options), System.Text.Encoding.UTF8, "application/json");
}
