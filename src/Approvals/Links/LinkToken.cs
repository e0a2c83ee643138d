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

    /// <summary>A participant's own answer link (Party: their participant id).</summary>
    Answer,

    /// <summary>A focal point's link to their ministry's participant list (Party: the ministry).</summary>
    Substitution,
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

/// <summary>Link tokens: <c>base64url(version ‖ nonce ‖ AES-256-GCM(claims) ‖ tag)</c>, with keys derived from the
/// signing key by HKDF. The claims are encrypted because a link sits in mail gateways, proxy logs and browser history,
/// where it must not disclose whom it was sent to. Each token has exactly one spelling, so its id names one token.
/// Nothing is stored at issue; only a token's id (a hash) is stored when it is used.</summary>
public sealed class LinkTokens
{
    private const byte Version = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly byte[] encryptionKey;
    private readonly byte[] nonceKey;
    private readonly TimeProvider time;

    public LinkTokens(byte[] key, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(key);
        encryptionKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, key, 32, info: "approvals/link-token/aes-256-gcm/v1"u8.ToArray());
        nonceKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, key, 32, info: "approvals/link-token/nonce/v1"u8.ToArray());
        this.time = time;
    }

    public string Issue(LinkClaims claims)
    {
        var plain = Encoding.UTF8.GetBytes(Json.Serialize(claims));
        var token = new byte[1 + NonceSize + plain.Length + TagSize];
        token[0] = Version;
        // The nonce is derived from the claims, so the same mail rendered twice carries the same link, and two
        // different claims share a nonce only with a 96-bit collision.
        var nonce = token.AsSpan(1, NonceSize);
        HMACSHA256.HashData(nonceKey, plain).AsSpan(0, NonceSize).CopyTo(nonce);
        using var aes = new AesGcm(encryptionKey, TagSize);
        aes.Encrypt(nonce, plain, token.AsSpan(1 + NonceSize, plain.Length), token.AsSpan(token.Length - TagSize), token.AsSpan(0, 1));
        return WebEncoders.Base64UrlEncode(token);
    }

    public (LinkClaims? Claims, TokenProblem Problem) Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 2048) return (null, TokenProblem.Malformed);
        byte[] bytes;
        try
        {
            bytes = WebEncoders.Base64UrlDecode(token);
        }
        catch (FormatException)
        {
            return (null, TokenProblem.Malformed);
        }

        // Base64 decoders accept other spellings of the same bytes (padding, unused low bits of the last character,
        // '+' and '/'); only the spelling that was issued is a token.
        if (!string.Equals(WebEncoders.Base64UrlEncode(bytes), token, StringComparison.Ordinal)) return (null, TokenProblem.Malformed);
        if (bytes.Length <= 1 + NonceSize + TagSize || bytes[0] != Version) return (null, TokenProblem.Malformed);

        var plain = new byte[bytes.Length - 1 - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(encryptionKey, TagSize);
            aes.Decrypt(bytes.AsSpan(1, NonceSize), bytes.AsSpan(1 + NonceSize, plain.Length), bytes.AsSpan(bytes.Length - TagSize), plain, bytes.AsSpan(0, 1));
        }
        catch (AuthenticationTagMismatchException)
        {
            return (null, TokenProblem.Tampered);
        }

        LinkClaims claims;
        try
        {
            claims = Json.Deserialize<LinkClaims>(Encoding.UTF8.GetString(plain));
        }
        catch (System.Text.Json.JsonException)
        {
            return (null, TokenProblem.Malformed);
        }

        return claims.ExpiresAt <= time.GetUtcNow() ? (claims, TokenProblem.Expired) : (claims, TokenProblem.None);
    }

    /// <summary>The id stored for a used token: a hash, so the token itself never sits in storage.</summary>
    public static string IdOf(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)))[..32];
}
