using System.Text.Json;

namespace Approvals;

/// <summary>The one JSON setting of the app: web defaults (camelCase); enums carry their own by-name converters.</summary>
public static class Json
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"Empty JSON for {typeof(T).Name}.");

    /// <summary>Gives options made elsewhere the settings of <see cref="Options"/>. Typed HTTP results write with the
    /// host's options, whose defaults differ from ours in one thing: they escape less (non-ASCII and HTML characters).</summary>
    public static void ApplyTo(JsonSerializerOptions target)
    {
        ArgumentNullException.ThrowIfNull(target);
        target.PropertyNamingPolicy = Options.PropertyNamingPolicy;
        target.PropertyNameCaseInsensitive = Options.PropertyNameCaseInsensitive;
        target.NumberHandling = Options.NumberHandling;
        target.Encoder = Options.Encoder;
    }
}
