using System.Net;
using Approvals.IntegrationTests.Infrastructure;
using Approvals.Links;
using Approvals.Storage;
using Approvals.Workflow;
using Microsoft.Extensions.DependencyInjection;

namespace Approvals.IntegrationTests.Http;

[Collection(SharedServer.Links)]
public sealed class ClientAddressTests(AppServer server)
{
    [Fact]
    public async Task WithNoProxyConfiguredAForwardedForHeaderIsRecordedAsAClaimNotAsTheAddress()
    {
        var (id, _) = await server.SubmitAsync();
        await Eventually.WaitFor(async () => (await server.StatusAsync(id)).Pending.Count > 0);
        var token = AppServer.Token(id, LinkPurpose.Decision, Stage.InternalReview, 0, "project.manager@iom.example.org");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/decisions/{token}")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["decision"] = "approve", ["comment"] = "" }),
        };
        request.Headers.Add("X-Forwarded-For", "203.0.113.99");

        using var response = await server.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var services = LibraryServices.Build();
        var entry = (await services.GetRequiredService<AuditLog>().ListAsync(id)).Single(e => e.Channel == "link");
        Assert.Equal("127.0.0.1", entry.ClientIp);
        Assert.Equal("203.0.113.99", entry.ForwardedFor);
    }
}
