using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Approvals.Http;

public static class MailboxEndpoints
{
    /// <summary>Maps the local mailbox pages under <c>/dev/mailbox</c> (no key: map them only where the mailbox is for
    /// development, e.g. a server bound to localhost — the captured mails carry live decision links).</summary>
    public static IEndpointRouteBuilder MapApprovalsMailbox(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/dev/mailbox", (HttpContext h, MailboxApi api) => api.ListPageAsync(h));
        app.MapGet("/dev/mailbox/messages", (HttpContext h, MailboxApi api) => api.MessagesAsync(h));
        app.MapGet("/dev/mailbox/{id}", (string id, HttpContext h, MailboxApi api) => api.MessagePageAsync(id, h.RequestAborted));
        app.MapGet("/dev/mailbox/{id}/raw", (string id, HttpContext h, MailboxApi api) => api.RawAsync(id, h.RequestAborted));
        return app;
    }
}
