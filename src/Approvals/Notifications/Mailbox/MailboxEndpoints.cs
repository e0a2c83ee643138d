using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Approvals.Http;

namespace Approvals.Notifications.Mailbox;

public static class MailboxEndpoints
{
    /// <summary>Maps the local mailbox pages under <c>/dev/mailbox</c> (server only). The captured mails carry live
    /// decision links, so outside Development they need the API key like the rest of the staff API.</summary>
    public static IEndpointRouteBuilder MapApprovalsMailbox(this IEndpointRouteBuilder app, bool requireKey)
    {
        ArgumentNullException.ThrowIfNull(app);
        var mailbox = app.MapGroup("/dev/mailbox");
        if (requireKey) mailbox.AddEndpointFilter<ApiKeyFilter>();
        mailbox.MapGet(string.Empty, (HttpContext h, MailboxApi api) => api.ListPageAsync(h));
        mailbox.MapGet("/messages", (HttpContext h, MailboxApi api) => api.MessagesAsync(h));
        mailbox.MapGet("/{id}", (string id, HttpContext h, MailboxApi api) => api.MessagePageAsync(id, h.RequestAborted));
        mailbox.MapGet("/{id}/raw", (string id, HttpContext h, MailboxApi api) => api.RawAsync(id, h.RequestAborted));
        return app;
    }
}
