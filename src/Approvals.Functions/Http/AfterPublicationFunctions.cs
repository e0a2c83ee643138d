using Approvals.Events;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Approvals.Functions.Http;

/// <summary>Changes to a published workshop; keys are the Function keys. Its cancel is the one of <see cref="WorkshopFunctions"/>.</summary>
public sealed class AfterPublicationFunctions(AfterPublicationApi api)
{
    [Function(nameof(PostponeWorkshop))]
    public Task<IActionResult> PostponeWorkshop(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "workshops/{id}/postpone")] HttpRequest req, string id, [DurableClient] DurableTaskClient client) =>
        Adapted.From(api.PostponeAsync(req.HttpContext, client, id));
}
