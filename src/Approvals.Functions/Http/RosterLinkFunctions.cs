using Approvals.Http;
using Approvals.Participants;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Approvals.Functions.Http;

/// <summary>The links after publication (a participant's answer, a focal point's list): anonymous at the Functions
/// level because the signed token is the credential.</summary>
public sealed class RosterLinkFunctions(AnswerLinks answers, SubstitutionLinks substitutions, AnonymousLimits limits)
{
    [Function(nameof(ShowAnswerForm))]
    public Task<IActionResult> ShowAnswerForm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "answers/{token}")] HttpRequest req, string token) =>
        Adapted.From(limits.GuardAsync(req.HttpContext, () => answers.ShowAsync(token)));

    [Function(nameof(SubmitAnswer))]
    public Task<IActionResult> SubmitAnswer(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "answers/{token}")] HttpRequest req, string token, [DurableClient] DurableTaskClient client) =>
        Adapted.From(limits.GuardAsync(req.HttpContext, () => answers.SubmitAsync(req.HttpContext, client, token)));

    [Function(nameof(ShowParticipantList))]
    public Task<IActionResult> ShowParticipantList(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "substitutions/{token}")] HttpRequest req, string token) =>
        Adapted.From(limits.GuardAsync(req.HttpContext, () => substitutions.ShowAsync(token)));

    [Function(nameof(SubmitSubstitution))]
    public Task<IActionResult> SubmitSubstitution(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "substitutions/{token}")] HttpRequest req, string token, [DurableClient] DurableTaskClient client) =>
        Adapted.From(limits.GuardAsync(req.HttpContext, () => substitutions.SubmitAsync(req.HttpContext, client, token)));
}
