using Approvals.Functions.Http;
using Approvals.Http;
using Approvals.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Approvals.IntegrationTests.Functions;

/// <summary>The Functions app holds its anonymous functions to the same limits as the server, and every function's
/// response carries the same headers.</summary>
[Collection(SharedServer.Links)]
public sealed class FunctionLimitsTests(FunctionsHost functions) : IClassFixture<FunctionsHost>
{
    [Fact]
    public async Task ALinkFunctionCalledTooOftenAnswers429WithRetryAfterAndTheEventsFunctionAProblem()
    {
        using var limits = new AnonymousLimits(Options.Create(new ApprovalsOptions
        {
            RateLimits = new RateLimitSettings { PerLink = new() { Burst = 3, PerMinute = 1 }, PerClient = new() { Burst = 6, PerMinute = 1 } },
        }));
        var links = ActivatorUtilities.CreateInstance<LinkFunctions>(functions.Services, limits);
        var events = ActivatorUtilities.CreateInstance<EventFunctions>(functions.Services, limits);

        var answers = new List<FunctionResponse>();
        for (var i = 0; i < 5; i++)
        {
            var http = FunctionHttp.Request(functions.Services, HttpMethods.Get, "/api/decisions/forged-token", new() { ["token"] = "forged-token" });
            answers.Add(await FunctionHttp.RespondAsync(http, links.ShowDecision(http.Request, "forged-token")));
        }

        var list = FunctionHttp.Request(functions.Services, HttpMethods.Get, "/api/events");
        var listed = await FunctionHttp.RespondAsync(list, events.ListEvents(list.Request));
        var more = FunctionHttp.Request(functions.Services, HttpMethods.Get, "/api/events");
        var refusedList = await FunctionHttp.RespondAsync(more, events.ListEvents(more.Request));

        Assert.Equal([400, 400, 400, 429, 429], answers.Select(a => a.Status));
        Assert.Contains("请求过于频繁", answers[^1].Body, StringComparison.Ordinal);
        Assert.InRange(int.Parse(answers[^1].Headers.RetryAfter!, System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        Assert.Equal(200, listed.Status);
        Assert.Equal("public, max-age=60", listed.Headers.CacheControl.ToString());
        Assert.Equal((429, "application/problem+json"), (refusedList.Status, refusedList.MediaType));
        Assert.All(answers.Append(listed).Append(refusedList), a =>
            Assert.Equal(("nosniff", "DENY"), (a.Headers.XContentTypeOptions.ToString(), a.Headers.XFrameOptions.ToString())));
    }
}
