using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using Approvals.Workflow;
using Microsoft.AspNetCore.WebUtilities;

namespace Approvals.Links;

[JsonConverter(typeof(JsonStringEnumConverter<LinkPurpose>))]
public enum LinkPurpose
{
    Decision,
    Nomination,
}

/// <summary>What a link lets its holder do: decide (or nominate for) one workshop, stage and round, as one party.</summary>
/// <param name="Party">The approver's address, or the ministry code for a nomination link.</param>
/// <param name="Recipient">The address the link was mailed to (the actor recorded in the audit log).</param>
public sealed record LinkClaims(
    [property: JsonPropertyName("w")] string WorkshopId,
    [property: JsonPropertyName("k")] LinkPurpose Purpose,
    [property: JsonPropertyName("s")] Stage Stage,
    [property: JsonPropertyName("r")] int Round,
    [property: JsonPropertyName("p")] string Party,
    [property: JsonPropertyName("a")] string Recipient,
    [property: JsonPropertyName("e")] long ExpiresAtUnix)
{
    [JsonIgnore]
    public DateTimeOffset ExpiresAt => DateTimeOffset.FromUnixTimeSeconds(ExpiresAtUnix);
}

/// <summary>Why a token was refused.</summary>
public enum TokenProblem
{
    None,
    Malformed,
    Tampered,
    Expired,
}

/// <summary>HMAC-SHA256 signed link tokens: <c>base64url(claims).base64url(mac)</c>. Nothing is stored at issue;
/// only a token's id (a hash) is stored when it is used.</summary>
public sealed class LinkTokens(byte[] key, TimeProvider time)
{
    public string Issue(LinkClaims claims)
    {
        var payload = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(Json.Serialize(claims)));
        return $"{payload}.{WebEncoders.Base64UrlEncode(Mac(payload))}";
    }

    public (LinkClaims? Claims, TokenProblem Problem) Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 2048) return (null, TokenProblem.Malformed);
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == token.Length - 1) return (null, TokenProblem.Malformed);
        var payload = token[..dot];
        byte[] mac;
        try
        {
            mac = WebEncoders.Base64UrlDecode(token[(dot + 1)..]);
        }
        catch (FormatException)
        {
            return (null, TokenProblem.Malformed);
        }

        if (!CryptographicOperations.FixedTimeEquals(mac, Mac(payload))) return (null, TokenProblem.Tampered);
        LinkClaims claims;
        try
        {
            claims = Json.Deserialize<LinkClaims>(Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(payload)));
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException)
        {
            return (null, TokenProblem.Malformed);
        }

        return claims.ExpiresAt <= time.GetUtcNow() ? (claims, TokenProblem.Expired) : (claims, TokenProblem.None);
    }

    /// <summary>The id stored for a used token: a hash, so the token itself never sits in storage.</summary>
    public static string IdOf(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)))[..32];

    private byte[] Mac(string payload) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(payload));
}
