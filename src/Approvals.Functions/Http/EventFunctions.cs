using Approvals.Http;
using Approvals.Publication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Approvals.Functions.Http;

/// <summary>The public announcements of published workshops: anonymous, like the server's.</summary>
public sealed class EventFunctions(EventsApi events, AnonymousLimits limits)
{
    [Function(nameof(ListEvents))]
    public Task<IActionResult> ListEvents([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "events")] HttpRequest req) =>
        Adapted.From(limits.GuardAsync(req.HttpContext, events.ListAsync));

    [Function(nameof(ShowEvent))]
    public Task<IActionResult> ShowEvent([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "events/{id}")] HttpRequest req, string id) =>
        Adapted.From(limits.GuardAsync(req.HttpContext, () => events.GetAsync(id)));
}
