using System.Net;
using System.Net.Http.Headers;
using Approvals.IntegrationTests.Infrastructure;
using Approvals.Links;
using Approvals.Workflow;

namespace Approvals.IntegrationTests.Http;

[Collection(SharedServer.Links)]
public sealed class ResponseHeadersTests(AppServer server)
{
    [Theory]
    [InlineData("api/ping", HttpStatusCode.OK, "application/json")]
    [InlineData("api/workshops", HttpStatusCode.OK, "application/json")]
    [InlineData("api/workshops/ws-20270101-doesnotexist", HttpStatusCode.NotFound, "application/problem+json")]
    [InlineData("api/no-such-route", HttpStatusCode.NotFound, "application/problem+json")]
    [InlineData("api/decisions/not-a-token", HttpStatusCode.BadRequest, "text/html")]
    [InlineData("api/events", HttpStatusCode.OK, "application/json")]
    [InlineData("api/events/no-such-workshop", HttpStatusCode.NotFound, "text/html")]
    public async Task EveryResponseIsNeitherSniffedNorFramed(string path, HttpStatusCode status, string mediaType)
    {
        using var response = await server.Http.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }

    [Fact]
    public async Task TheEventsListIsPublicForAMinuteAndUnchangedAnswers304()
    {
        using var first = await server.Http.GetAsync("api/events");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.True(first.Headers.CacheControl is { Public: true, NoStore: false }, $"{first.Headers.CacheControl}");
        Assert.Equal(TimeSpan.FromMinutes(1), first.Headers.CacheControl.MaxAge);
        var tag = Assert.IsType<EntityTagHeaderValue>(first.Headers.ETag);

        // Other tests publish workshops on this shared server: a list that changed in between answers 200 with a new tag.
        HttpResponseMessage revalidated;
        for (var tries = 0; ; tries++)
        {
            using var again = new HttpRequestMessage(HttpMethod.Get, "api/events");
            again.Headers.IfNoneMatch.Add(tag);
            revalidated = await server.Http.SendAsync(again);
            if (revalidated.StatusCode != HttpStatusCode.OK || tries == 4 || revalidated.Headers.ETag is not { } changed || changed.Equals(tag)) break;
            tag = changed;
            revalidated.Dispose();
        }

        using var _ = revalidated;
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Empty(await revalidated.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task LinkPagesAndUnknownEventsAreNeverStored()
    {
        var (id, _) = await server.SubmitAsync();
        var token = AppServer.Token(id, LinkPurpose.Decision, Stage.InternalReview, 0, "project.manager@iom.example.org");

        foreach (var path in new[] { $"api/decisions/{token}", "api/events/no-such-workshop" })
        {
            using var response = await server.Http.GetAsync(path);
            Assert.True(response.Headers.CacheControl is { NoStore: true, Public: false }, $"{path}: {response.Headers.CacheControl}");
            Assert.Null(response.Headers.ETag);
        }
    }
}
