using System.Text;
using Approvals.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Approvals.Tests.Http;

/// <summary>The ways a staff key may arrive: the Functions spellings for API clients, HTTP Basic for browsers.</summary>
public sealed class StaffKeyTests
{
    const string Key = "staff-key-12345";
    static readonly ApiKeyFilter Filter = new(Options.Create(new ApprovalsOptions { ApiKeys = [Key] }));

    static bool Accepts(Action<HttpRequest> send)
    {
        var http = new DefaultHttpContext();
        send(http.Request);
        return Filter.IsAuthorized(http.Request);
    }

    static string Basic(string credentials) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials));

    [Fact]
    public void TheKeyIsAcceptedAsHeaderQueryOrBasicPasswordWithAnyUserName()
    {
        Assert.True(Accepts(r => r.Headers["x-functions-key"] = Key));
        Assert.True(Accepts(r => r.QueryString = new QueryString($"?code={Key}")));
        Assert.True(Accepts(r => r.Headers.Authorization = Basic($"manager:{Key}")));
        Assert.True(Accepts(r => r.Headers.Authorization = Basic($":{Key}")));
        Assert.True(Accepts(r => r.Headers.Authorization = Basic($"张伟:{Key}")));
    }

    [Theory]
    [InlineData("manager:wrong-key-123")]
    [InlineData($"{Key}:")]
    [InlineData(Key)]
    public void ABasicPasswordThatIsNotTheKeyIsRefused(string credentials) =>
        Assert.False(Accepts(r => r.Headers.Authorization = Basic(credentials)));

    [Theory]
    [InlineData("Basic")]
    [InlineData("Basic !!!not-base64")]
    [InlineData($"Bearer {Key}")]
    public void AMalformedOrForeignAuthorizationHeaderIsRefused(string header) =>
        Assert.False(Accepts(r => r.Headers.Authorization = header));

    [Fact]
    public void TheChallengeNamesTheRealmABrowserShows()
    {
        var http = new DefaultHttpContext();
        ApiKeyFilter.Challenge(http.Response);
        Assert.Equal("Basic realm=\"Approvals staff\", charset=\"UTF-8\"", http.Response.Headers.WWWAuthenticate.ToString());
    }
}
