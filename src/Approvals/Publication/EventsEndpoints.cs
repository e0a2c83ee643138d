using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Approvals.Publication;

public static class EventsEndpoints
{
    /// <summary>Maps the public announcements: <c>GET /api/events</c> and <c>GET /api/events/{id}</c>, without a key.</summary>
    public static IEndpointRouteBuilder MapApprovalsEvents(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/events", (EventsApi api) => api.ListAsync());
        app.MapGet("/api/events/{id}", (string id, EventsApi api) => api.GetAsync(id));
        return app;
    }
}
