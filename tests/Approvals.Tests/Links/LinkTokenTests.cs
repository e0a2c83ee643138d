using System.Security.Cryptography;
using Approvals.Links;
using Approvals.Workflow;
using Microsoft.Extensions.Time.Testing;

namespace Approvals.Tests.Links;

public sealed class LinkTokenTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero));
    private readonly byte[] key = RandomNumberGenerator.GetBytes(32);

    private LinkClaims Claims(TimeSpan lifetime) => new("ws-1", LinkPurpose.Decision, Stage.InternalReview, 0,
        "project.manager@iom.example.org", "project.manager@iom.example.org", (time.GetUtcNow() + lifetime).ToUnixTimeSeconds());

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
            if (token[i] == '.') continue;
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
}
