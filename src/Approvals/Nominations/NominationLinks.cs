using System.Globalization;
using System.Text;
using System.Text.Json;
using Approvals.Contacts;
using Approvals.Http;
using Approvals.Links;
using Approvals.Notifications;
using Approvals.Storage;
using Approvals.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Approvals.Nominations;

/// <summary><c>GET|HEAD /api/nominations/{token}</c>: the ministry's slate form, prefilled; <c>POST</c>: a slate or a
/// decline, as form fields or JSON. A slate may be replaced until the window closes.</summary>
public sealed class NominationLinks(
    LinkGate gate, NominationStore nominations, DirectoryStore directory, AuditLog audit, TimeProvider time, ILogger<NominationLinks> logger)
{
    public async Task<IResult> ShowAsync(string token)
    {
        var (link, refusal) = await gate.OpenAsync(token, LinkPurpose.Nomination);
        if (link is null) return refusal!;
        if (Closed(link) is { } closed) return closed;
        var slates = await nominations.ListAsync(link.Workshop.Id);
        var mine = slates.FirstOrDefault(s => Same(s.Ministry, link.Claims.Party));
        return await Form(link, mine?.Nominees ?? [], new Dictionary<string, string[]>(), mine, StatusCodes.Status200OK);
    }

    public async Task<IResult> SubmitAsync(HttpContext http, DurableTaskClient client, string token)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(client);
        var json = http.Request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true;
        var (link, refusal) = await gate.OpenAsync(token, LinkPurpose.Nomination);
        if (link is null) return json ? Problems.Field(StatusCodes.Status400BadRequest, "token", "The link is not valid or has expired.", "Invalid link.") : refusal!;
        if (Closed(link) is { } closed)
        {
            return json ? Problems.Conflict($"Nominations are closed: the workshop is at {link.Workshop.Stage}.", "token") : closed;
        }

        var (claims, workshop) = (link.Claims, link.Workshop);
        if (!json && !http.Request.HasFormContentType)
        {
            return Problems.Field(StatusCodes.Status415UnsupportedMediaType, "Content-Type",
                "Send the form (application/x-www-form-urlencoded) or application/json.", "Unsupported media type.");
        }

        var parsed = json ? await ReadJson(http.Request) : ReadForm(await http.Request.ReadFormAsync());
        if (parsed.Problem is not null) return parsed.Problem;
        var slate = new Slate(claims.Party, parsed.Nominees, parsed.Decline, claims.Recipient, time.GetUtcNow());
        var others = await nominations.ListAsync(workshop.Id);
        var errors = new Dictionary<string, string[]>(parsed.Errors, StringComparer.Ordinal);
        foreach (var (field, messages) in SlateRules.Check(workshop.Proposal, slate, others)) errors.TryAdd(field, messages);
        if (errors.Count > 0)
        {
            return json
                ? Problems.Validation(errors, "The slate has invalid fields.")
                : await Form(link, parsed.Nominees, errors, null, StatusCodes.Status400BadRequest);
        }

        await audit.AppendAsync(workshop.Id, new AuditEntry(Guid.NewGuid().ToString("N"), slate.SubmittedAt, Stage.Nominations,
            slate.Declined ? "SlateDeclinedViaLink" : "SlateReceivedViaLink", claims.Recipient,
            slate.Declined ? claims.Party : $"{claims.Party}: {slate.Nominees.Count} nominee(s)", link.TokenId, "link",
            LinkGate.ClientIp(http), http.Request.Headers.UserAgent.ToString()));
        await client.RaiseEventAsync(workshop.Id, WorkflowEvents.SlateSubmitted, new SlateSubmitted(slate, link.TokenId));
        logger.LogInformation("Workshop {WorkshopId}: slate from {Ministry} with {Count} nominee(s), declined {Declined}",
            workshop.Id, claims.Party, slate.Nominees.Count, slate.Declined);

        if (json) return Results.Json(new { workshopId = workshop.Id, ministry = claims.Party, declined = slate.Declined, nominees = slate.Nominees.Count }, Json.Options, statusCode: StatusCodes.Status202Accepted);
        return slate.Declined
            ? Html.Message(StatusCodes.Status200OK, "Thank you — your decline is recorded", "谢谢——已记录贵单位不参加",
                $"{claims.Party} will not nominate participants for “{workshop.Title}”. You can still send a slate with the same link until nominations close.",
                $"{claims.Party} 将不为“{workshop.Proposal.TitleZh ?? workshop.Title}”提名参加者。在提名截止前仍可使用同一链接提交名单。", ok: true)
            : Html.Message(StatusCodes.Status200OK, "Thank you — your nominations are received", "谢谢——已收到提名",
                $"{slate.Nominees.Count} nominee(s) from {claims.Party} for “{workshop.Title}”. The list is now checked against the other ministries' lists; if a nominee turns out to be already nominated, you will get an email explaining what to correct. You can replace the list with the same link until nominations close.",
                $"已收到 {claims.Party} 为“{workshop.Proposal.TitleZh ?? workshop.Title}”提名的 {slate.Nominees.Count} 人。系统将与其他部委的名单核对；如有学员已被其他单位提名，您将收到说明如何更正的电子邮件。在提名截止前可使用同一链接更新名单。", ok: true);
    }

    private static IResult? Closed(OpenedLink link) =>
        link.Workshop.Stage == Stage.Nominations && link.Claims.Round <= link.Workshop.Round
            ? null
            : link.Workshop.Stage == Stage.Cancelled
                ? LinkGate.StillOpen(link)
                : Html.Message(StatusCodes.Status410Gone, "Nominations are closed", "提名已截止",
                    $"Nominations for “{link.Workshop.Title}” are closed (the workshop is at {link.Workshop.Stage}). Nothing was changed.",
                    $"“{link.Workshop.Proposal.TitleZh ?? link.Workshop.Title}”的提名已截止。未作任何更改。");

    private sealed record ParsedSlate(IReadOnlyList<Nominee> Nominees, bool Decline, Dictionary<string, string[]> Errors, IResult? Problem = null);

    private static ParsedSlate ReadForm(IFormCollection form)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.Equals(form["decline"], "true", StringComparison.OrdinalIgnoreCase)) return new ParsedSlate([], true, errors);
        var indices = form.Keys
            .Select(k => k.StartsWith("nominees[", StringComparison.Ordinal) && k.IndexOf(']', StringComparison.Ordinal) is var end and > 9
                && int.TryParse(k.AsSpan(9, end - 9), NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : -1)
            .Where(i => i is >= 0 and < 1000)
            .Distinct()
            .Order();
        var nominees = new List<Nominee>();
        foreach (var i in indices)
        {
            string F(string name) => form[$"nominees[{i}].{name}"].ToString().Trim();
            var row = (Name: F("name"), NameZh: F("nameZh"), Position: F("position"), Sex: F("sex"), Email: F("email"));
            if (row.Name.Length == 0 && row.NameZh.Length == 0 && row.Position.Length == 0 && row.Email.Length == 0) continue; // an unused row
            var index = nominees.Count;
            if (!TryParseSex(row.Sex, out var sex)) errors[$"nominees[{index}].sex"] = ["Choose female, male or undisclosed."];
            nominees.Add(new Nominee(row.Name, row.NameZh.Length == 0 ? null : row.NameZh, row.Position, sex, row.Email));
        }

        return new ParsedSlate(nominees, false, errors);
    }

    private static async Task<ParsedSlate> ReadJson(HttpRequest request)
    {
        var body = await JsonBody.ReadAsync(request);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (body.Problem is not null) return new ParsedSlate([], false, errors, body.Problem);
        var root = body.Root;
        if (root.ValueKind != JsonValueKind.Object) return new ParsedSlate([], false, errors, Problems.Field(StatusCodes.Status400BadRequest, "$", "Send a JSON object.", "Invalid slate."));
        if (root.TryGetProperty("decline", out var decline) && decline.ValueKind == JsonValueKind.True) return new ParsedSlate([], true, errors);
        if (!root.TryGetProperty("nominees", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return new ParsedSlate([], false, errors, Problems.Field(StatusCodes.Status400BadRequest, "nominees", "Send an array of nominees, or \"decline\": true.", "Invalid slate."));
        }

        var nominees = new List<Nominee>();
        var i = 0;
        foreach (var item in list.EnumerateArray())
        {
            string S(string name) => item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()!.Trim() : string.Empty;
            if (!TryParseSex(S("sex"), out var sex)) errors[$"nominees[{i}].sex"] = ["Choose female, male or undisclosed."];
            nominees.Add(new Nominee(S("name"), S("nameZh") is { Length: > 0 } zh ? zh : null, S("position"), sex, S("email")));
            i++;
        }

        return new ParsedSlate(nominees, false, errors);
    }

    private static bool TryParseSex(string text, out Sex sex) =>
        Enum.TryParse(text, ignoreCase: true, out sex) && Enum.IsDefined(sex) && !int.TryParse(text, out _);

    private async Task<IResult> Form(OpenedLink link, IReadOnlyList<Nominee> rows, IReadOnlyDictionary<string, string[]> errors, Slate? current, int status)
    {
        var (claims, workshop) = (link.Claims, link.Workshop);
        var names = await directory.LoadAsync();
        var ministry = names.Find(claims.Party) ?? new Ministry(claims.Party, claims.Party, claims.Party, []);
        var quota = workshop.Proposal.QuotaOf(claims.Party);
        var due = workshop.Pending.FirstOrDefault(p => Same(p.Party, claims.Party))?.DueAt;
        var sb = new StringBuilder();
        sb.Append(WorkshopFacts.Card(workshop, withNominations: false, [], names));
        sb.Append("<div class=\"card\"><h2>Nominations from ").Append(Html.E(ministry.NameEn)).Append(" / <span lang=\"zh-CN\">")
          .Append(Html.E(ministry.NameZh)).Append("</span>提名</h2><p>Up to <strong>").Append(quota.ToString(CultureInfo.InvariantCulture))
          .Append("</strong> participants / 最多 ").Append(quota.ToString(CultureInfo.InvariantCulture)).Append(" 人");
        if (due is { } d) sb.Append(". Closes: ").Append(Html.E(ChinaTime.En(d))).Append(" / 截止：").Append(Html.E(ChinaTime.Zh(d)));
        sb.Append("</p>");
        if (current is not null)
        {
            sb.Append("<p class=\"muted\">").Append(current.Declined ? "You declined earlier; you may still nominate. / 您此前已表示不参加，仍可提名。"
                : "Your current list is shown; sending replaces it. / 以下为当前名单，重新提交将替换。").Append("</p>");
        }

        if (errors.Count > 0)
        {
            sb.Append("<div class=\"error\" role=\"alert\"><p>Please correct the fields below. / 请更正以下内容。</p><ul>");
            foreach (var (field, messages) in errors.Where(e => !e.Key.StartsWith("nominees[", StringComparison.Ordinal)))
                sb.Append("<li>").Append(Html.E(string.Join(" ", messages))).Append("</li>");
            sb.Append("</ul></div>");
        }

        sb.Append("<form method=\"post\">");
        for (var i = 0; i < Math.Max(quota, rows.Count); i++)
        {
            var n = i < rows.Count ? rows[i] : null;
            sb.Append("<fieldset class=\"card\"><legend>Participant / 参加者 ").Append(i + 1).Append("</legend>");
            Field(sb, errors, i, "name", "Name (English or pinyin) / 姓名（英文或拼音）", n?.Name, "text");
            Field(sb, errors, i, "nameZh", "Chinese name (optional) / 中文姓名（可选）", n?.NameZh, "text");
            Field(sb, errors, i, "position", "Position / 职务", n?.Position, "text");
            Field(sb, errors, i, "email", "Email / 电子邮件", n?.Email, "email");
            var key = $"nominees[{i}].sex";
            sb.Append("<label for=\"").Append(key).Append("\">Sex / 性别</label><select id=\"").Append(key).Append("\" name=\"").Append(key).Append("\">");
            foreach (var (value, label) in new[] { ("female", "Female / 女"), ("male", "Male / 男"), ("undisclosed", "Undisclosed / 不说明") })
            {
                sb.Append("<option value=\"").Append(value).Append('"').Append(n is not null && n.Sex.ToString().Equals(value, StringComparison.OrdinalIgnoreCase) ? " selected" : string.Empty)
                  .Append('>').Append(label).Append("</option>");
            }

            sb.Append("</select>");
            AppendErrors(sb, errors, key);
            sb.Append("</fieldset>");
        }

        sb.Append("<button type=\"submit\">Send nominations / 提交提名</button></form>")
          .Append("<form method=\"post\"><input type=\"hidden\" name=\"decline\" value=\"true\">")
          .Append("<button type=\"submit\" class=\"reject\">Decline: no participants / 不参加</button></form>")
          .Append("<p class=\"muted\">Leave unused rows empty. / 多余的行请留空。</p></div>");
        return Html.Page($"Nominations: {workshop.Title}", sb.ToString(), status);
    }

    private static void Field(StringBuilder sb, IReadOnlyDictionary<string, string[]> errors, int i, string name, string label, string? value, string type)
    {
        var key = $"nominees[{i}].{name}";
        sb.Append("<label for=\"").Append(key).Append("\">").Append(Html.E(label)).Append("</label><input type=\"").Append(type)
          .Append("\" id=\"").Append(key).Append("\" name=\"").Append(key).Append("\" value=\"").Append(Html.E(value)).Append("\">");
        AppendErrors(sb, errors, key);
    }

    private static void AppendErrors(StringBuilder sb, IReadOnlyDictionary<string, string[]> errors, string key)
    {
        if (errors.TryGetValue(key, out var messages)) sb.Append("<p class=\"error\">").Append(Html.E(string.Join(" ", messages))).Append("</p>");
    }

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
