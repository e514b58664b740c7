using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Contracts.Tracking;

/// <summary>
/// <see cref="Metric"/> in MLflow's JSON shape (<c>key</c>, <c>value</c>, <c>timestamp</c>, <c>step</c>), read and written by hand:
/// log-batch bodies carry 1000 of them, and the serializer's constructor-parameter path (plus a new string for every repeated key)
/// was a visible part of ingest's CPU. Reads what <see cref="TrackingJson.Options"/> reads: names in any case, numbers as JSON
/// numbers or strings, NaN and ±Infinity as named literals, unknown fields ignored, missing ones defaulted (a missing key stays
/// null for the validator to name).
/// </summary>
public sealed class MetricJsonConverter : JsonConverter<Metric>
{
    // The key of the previous metric read on this thread: a batch repeats a few keys, so most reads reuse the string.
    [ThreadStatic]
    private static (byte[] Utf8, string Value)? _lastKey;

    public override Metric Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("A metric must be a JSON object.");
        string? key = null;
        double value = 0;
        long timestamp = 0, step = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = Field(ref reader);
            reader.Read();
            switch (field)
            {
                case "key":
                    key = ReadKey(ref reader);
                    break;
                case "value":
                    value = ReadDouble(ref reader);
                    break;
                case "timestamp":
                    timestamp = ReadInt64(ref reader, field);
                    break;
                case "step":
                    step = ReadInt64(ref reader, field);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
        return new Metric(key!, value, timestamp, step);
    }

    public override void Write(Utf8JsonWriter writer, Metric value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        if (value.Key is not null)
            writer.WriteString("key"u8, value.Key);
        writer.WritePropertyName("value"u8);
        if (double.IsFinite(value.Value))
            writer.WriteNumberValue(value.Value);
        else
            writer.WriteStringValue(double.IsNaN(value.Value) ? "NaN" : value.Value > 0 ? "Infinity" : "-Infinity");
        writer.WriteNumber("timestamp"u8, value.Timestamp);
        writer.WriteNumber("step"u8, value.Step);
        writer.WriteEndObject();
    }

    /// <summary>The field's canonical name, or null for a field a metric does not have.</summary>
    private static string? Field(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("key"u8))
            return "key";
        if (reader.ValueTextEquals("value"u8))
            return "value";
        if (reader.ValueTextEquals("timestamp"u8))
            return "timestamp";
        if (reader.ValueTextEquals("step"u8))
            return "step";
        // Names match in any case, as with the serializer's web defaults.
        var name = reader.GetString();
        foreach (var known in (ReadOnlySpan<string>)["key", "value", "timestamp", "step"])
        {
            if (string.Equals(name, known, StringComparison.OrdinalIgnoreCase))
                return known;
        }
        return null;
    }

    private static string? ReadKey(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
            return null;
        if (reader.TokenType != JsonTokenType.String)
            throw new JsonException("A metric's key must be a string.");
        if (_lastKey is { } last && reader.ValueTextEquals(last.Utf8))
            return last.Value;
        var key = reader.GetString()!;
        _lastKey = (Encoding.UTF8.GetBytes(key), key);
        return key;
    }

    private static double ReadDouble(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number)
            return reader.GetDouble();
        if (reader.TokenType == JsonTokenType.String)
        {
            var text = reader.GetString();
            switch (text)
            {
                case "NaN":
                    return double.NaN;
                case "Infinity":
                    return double.PositiveInfinity;
                case "-Infinity":
                    return double.NegativeInfinity;
            }
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && double.IsFinite(parsed))
                return parsed;
        }
        throw new JsonException("A metric's value must be a number.");
    }

    private static long ReadInt64(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var number))
            return number;
        if (reader.TokenType == JsonTokenType.String &&
            long.TryParse(reader.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }
        throw new JsonException($"A metric's {field} must be an integer.");
    }
}
