using System.Text.Encodings.Web;
using System.Text.Json;

namespace Approvals;

/// <summary>The JSON settings of the app: web defaults (camelCase); enums carry their own by-name converters.</summary>
public static class Json
{
    /// <summary>For what reaches a client or a page: the default encoder, which escapes HTML-sensitive characters.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>For what is stored (table properties, queue messages, blobs): CJK text is kept as characters. The default
    /// encoder writes each as <c>\uXXXX</c>, six times longer, and a Table property holds only 32K UTF-16 characters.
    /// Stored JSON is never written into a page as it is.</summary>
    public static readonly JsonSerializerOptions StorageOptions = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>The JSON written to storage, with <see cref="StorageOptions"/>.</summary>
    public static string Store<T>(T value) => JsonSerializer.Serialize(value, StorageOptions);

    /// <summary>How many characters a text takes inside stored JSON, quotes excluded: a line break or a quote counts 2,
    /// a character the encoder escapes (emoji, unassigned code points) 6 per UTF-16 unit.</summary>
    public static int StoredLength(string text) => JsonSerializer.Serialize(text, StorageOptions).Length - 2;

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
