using Approvals.Http;
using Approvals.Links;
using Approvals.Nominations;
using Approvals.Review;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Approvals.Functions.Http;

/// <summary>The links in mails: anonymous at the Functions level because the signed token is the credential.</summary>
public sealed class LinkFunctions(DecisionLinks decisions, NominationLinks nominations, AnonymousLimits limits)
{
    [Function(nameof(ShowDecision))]
    public Task<IActionResult> ShowDecision(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "decisions/{token}")] HttpRequest req, string token) =>
        Adapted.From(limits.GuardAsync(req.HttpContext, () => decisions.ShowAsync(token)));

    [Function(nameof(Decide))]
    public Task<IActionResult> Decide(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "decisions/{token}")] HttpRequest req, string token, [DurableClient] DurableTaskClient client) =>
        Adapted.From(limits.GuardAsync(req.HttpContext, () => decisions.DecideAsync(req.HttpContext, client, token)));

    [Function(nameof(ShowNominationForm))]
    public Task<IActionResult> ShowNominationForm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "nominations/{token}")] HttpRequest req, string token) =>
        Adapted.From(limits.GuardAsync(req.HttpContext, () => nominations.ShowAsync(token)));

    [Function(nameof(SubmitNominations))]
    public Task<IActionResult> SubmitNominations(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "nominations/{token}")] HttpRequest req, string token, [DurableClient] DurableTaskClient client) =>
        Adapted.From(limits.GuardAsync(req.HttpContext, () => nominations.SubmitAsync(req.HttpContext, client, token)));
}
