using Approvals.Publication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Approvals.Functions.Http;

/// <summary>The public announcements of published workshops: anonymous, like the server's.</summary>
public sealed class EventFunctions(EventsApi events)
{
    [Function(nameof(ListEvents))]
    public Task<IActionResult> ListEvents([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "events")] HttpRequest req) =>
        Adapted.From(events.ListAsync());

    [Function(nameof(ShowEvent))]
    public Task<IActionResult> ShowEvent([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "events/{id}")] HttpRequest req, string id) =>
        Adapted.From(events.GetAsync(id));
}
