using Approvals.Http;
using Approvals.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Approvals.Notifications.Mailbox;

/// <summary>The local mailbox for development and tests: <c>GET /dev/mailbox</c> (list), <c>/dev/mailbox/{id}</c> (one
/// mail, its HTML shown in the page with working links, then its text), <c>/dev/mailbox/{id}/raw</c> (.eml) and
/// <c>/dev/mailbox/messages?to=</c> (JSON).</summary>
public sealed class MailboxApi(MailboxStore mailbox, IOptions<ApprovalsOptions> options)
{
    public const int MaxListed = 500;

    public async Task<IResult> MessagesAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var to = http.Request.Query["to"].ToString();
        var messages = await mailbox.ListAsync(to.Length == 0 ? null : to, MaxListed, http.RequestAborted);
        return Results.Json(messages, Json.Options);
    }

    public async Task<IResult> ListPageAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var to = http.Request.Query["to"].ToString();
        var messages = await mailbox.ListAsync(to.Length == 0 ? null : to, MaxListed, http.RequestAborted);
        return Pages.Render<MailboxListPage>(new()
        {
            [nameof(MailboxListPage.Messages)] = messages,
            [nameof(MailboxListPage.To)] = to,
            [nameof(MailboxListPage.SmtpHost)] = MailSettings.SmtpHost(options.Value.Mail),
        });
    }

    public async Task<IResult> MessagePageAsync(string id, CancellationToken cancellationToken)
    {
        var m = await mailbox.GetAsync(id, cancellationToken);
        if (m is null) return Pages.Message(StatusCodes.Status404NotFound, "No such message", "没有此邮件", "The local mailbox has no message with this id.", "本地邮箱中没有此邮件。");
        return Pages.Render<MailboxMessagePage>(new() { [nameof(MailboxMessagePage.Message)] = m });
    }

    public async Task<IResult> RawAsync(string id, CancellationToken cancellationToken)
    {
        var raw = await mailbox.GetRawAsync(id, cancellationToken);
        return raw is null ? Results.NotFound() : Results.File(raw, "message/rfc822", $"{id}.eml");
    }
}
