using System.Security.Cryptography;
using System.Text;
using Approvals.Links;
using Approvals.Workflow;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Time.Testing;

namespace Approvals.Tests.Links;

public sealed class LinkTokenTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero));
    private readonly byte[] key = RandomNumberGenerator.GetBytes(32);

    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private LinkClaims Claims(TimeSpan lifetime, string recipient = "project.manager@iom.example.org") => new("ws-1", LinkPurpose.Decision,
        Stage.InternalReview, 0, recipient, recipient, (time.GetUtcNow() + lifetime).ToUnixTimeSeconds());

    [Fact]
    public void AnIssuedTokenReadsBackWithItsClaims()
    {
        var tokens = new LinkTokens(key, time);
        var claims = Claims(TimeSpan.FromDays(21));

        var (read, problem) = tokens.Read(tokens.Issue(claims));

        Assert.Equal(TokenProblem.None, problem);
        Assert.Equal(claims, read);
    }

    [Fact]
    public void OneChangedCharacterAnywhereIsTampering()
    {
        var tokens = new LinkTokens(key, time);
        var token = tokens.Issue(Claims(TimeSpan.FromDays(1)));

        for (var i = 0; i < token.Length; i++)
        {
            var changed = token[..i] + (token[i] == 'A' ? 'B' : 'A') + token[(i + 1)..];
            Assert.NotEqual(TokenProblem.None, tokens.Read(changed).Problem);
        }
    }

    [Fact]
    public void ATokenSignedWithAnotherKeyIsTampered()
    {
        var token = new LinkTokens(RandomNumberGenerator.GetBytes(32), time).Issue(Claims(TimeSpan.FromDays(1)));

        Assert.Equal(TokenProblem.Tampered, new LinkTokens(key, time).Read(token).Problem);
    }

    [Fact]
    public void ATokenPastItsExpiryIsExpired()
    {
        var tokens = new LinkTokens(key, time);
        var token = tokens.Issue(Claims(TimeSpan.FromHours(1)));

        time.Advance(TimeSpan.FromHours(2));

        Assert.Equal(TokenProblem.Expired, tokens.Read(token).Problem);
    }

    [Theory]
    [InlineData("")]
    [InlineData("no-dot")]
    [InlineData("abc.")]
    [InlineData(".abc")]
    [InlineData("a.b.c")]
    public void GarbageIsMalformedNotAnException(string token) =>
        Assert.NotEqual(TokenProblem.None, new LinkTokens(key, time).Read(token).Problem);

    [Fact]
    public void TheTokenDoesNotCarryTheRecipientsAddressInReadableForm()
    {
        var tokens = new LinkTokens(key, time);
        var token = tokens.Issue(new LinkClaims("ws-1", LinkPurpose.Nomination, Stage.Nominations, 0, "MFA", "focal.point@mfa.example.cn",
            time.GetUtcNow().AddDays(21).ToUnixTimeSeconds()));
        var bytes = WebEncoders.Base64UrlDecode(token);

        // Base64 is a bijection, so text readable after decoding at any alignment would show in the decoded bytes.
        foreach (var readable in new[] { "focal.point", "mfa.example.cn", "MFA", "ws-1", "Nominations" })
        {
            Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(readable)));
            Assert.DoesNotContain(readable, token, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal("focal.point@mfa.example.cn", tokens.Read(token).Claims?.Recipient);
    }

    [Fact]
    public void TheSameClaimsGiveTheSameTokenAndOtherClaimsAnother()
    {
        var tokens = new LinkTokens(key, time);

        Assert.Equal(tokens.Issue(Claims(TimeSpan.FromDays(1))), tokens.Issue(Claims(TimeSpan.FromDays(1))));
        Assert.NotEqual(tokens.Issue(Claims(TimeSpan.FromDays(1))), tokens.Issue(Claims(TimeSpan.FromDays(2))));
    }

    [Fact]
    public void ATokenFitsAMailLink()
    {
        var token = new LinkTokens(key, time).Issue(new LinkClaims("wsh-20261201-0123456789abcdef", LinkPurpose.Decision, Stage.DonorSignOff, 12,
            "first.second-surname@delegation.eeas.europa.eu", "first.second-surname@delegation.eeas.europa.eu", time.GetUtcNow().AddDays(30).ToUnixTimeSeconds()));

        Assert.InRange(token.Length, 1, 320);
    }

    [Fact]
    public void OtherSpellingsOfTheSameBytesAreNotValid()
    {
        var tokens = new LinkTokens(key, time);
        // A length whose last character has unused low bits, so another character decodes to the same bytes.
        var token = Enumerable.Range(0, 3).Select(i => tokens.Issue(Claims(TimeSpan.FromDays(1), new string('a', i) + "pm@iom.example.org")))
            .First(t => t.Length % 4 != 0);
        var last = Alphabet.IndexOf(token[^1], StringComparison.Ordinal);
        var sameBytes = token[..^1] + Alphabet[last ^ 1];
        var padded = token + new string('=', 4 - (token.Length % 4));
        var classic = token.Replace('-', '+').Replace('_', '/');
        Assert.Equal(Lenient(token), Lenient(sameBytes));
        Assert.Equal(Lenient(token), Lenient(padded));

        Assert.Equal(TokenProblem.None, tokens.Read(token).Problem);
        foreach (var other in new[] { sameBytes, padded, classic == token ? token + "=" : classic, " " + token, token + "\n" })
        {
            Assert.Equal(TokenProblem.Malformed, tokens.Read(other).Problem);
        }
    }

    /// <summary>How a permissive Base64 decoder reads a token: padding optional, unused low bits ignored.</summary>
    private static byte[] Lenient(string token)
    {
        var classic = token.TrimEnd('=').Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(classic + new string('=', (4 - (classic.Length % 4)) % 4));
    }

    [Fact]
    public void ATokenInTheOldSignedFormatIsNotValid()
    {
        var claims = Convert.ToBase64String(Encoding.UTF8.GetBytes(Approvals.Json.Serialize(Claims(TimeSpan.FromDays(1))))).TrimEnd('=');
        var old = $"{claims}.{WebEncoders.Base64UrlEncode(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(claims)))}";

        Assert.Equal(TokenProblem.Malformed, new LinkTokens(key, time).Read(old).Problem);
    }
}
