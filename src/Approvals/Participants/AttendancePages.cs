using Approvals.Http;
using Approvals.Status;
using Approvals.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace Approvals.Participants;

/// <summary><c>GET|POST /api/dashboard/workshops/{id}/attendance</c>: the staff page for recording who came. The key
/// comes as on every dashboard page (HTTP Basic, or the header); because a browser sends Basic credentials on any
/// request to the site, a form posted from another site is refused by its Sec-Fetch-Site (or Origin) header.</summary>
public sealed class AttendancePages(DashboardPage dashboard, WorkshopStore workshops, ParticipantStore participants, DirectoryStore directory,
    AttendanceRecorder recorder, TimeProvider time)
{
    private static readonly FormOptions FormLimits = new() { ValueCountLimit = AttendanceRequest.MaxEntries + 10 };

    public async Task<IResult> ShowAsync(HttpContext http, string id)
    {
        ArgumentNullException.ThrowIfNull(http);
        return dashboard.Refusal(http) ?? await RenderAsync(id, refusal: null, saved: null);
    }

    public async Task<IResult> SaveAsync(HttpContext http, string id)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (dashboard.Refusal(http) is { } refused) return refused;
        if (IsCrossSite(http.Request))
        {
            return Pages.Message(StatusCodes.Status403Forbidden, "Sent from another site", "来自其他网站的请求",
                "Attendance is recorded only from this page itself. Nothing was recorded.", "出席情况只能通过本页面记录。未作记录。");
        }

        var form = await FormBody.TryReadAsync(http.Request, FormLimits);
        if (form is null && http.Request.HasFormContentType)
        {
            return Pages.Message(StatusCodes.Status400BadRequest, "The form could not be read", "无法读取表单",
                "Send the attendance page's own form (one checkbox per participant). Nothing was recorded.", "请提交出席页面本身的表单（每位学员一个复选框）。未作记录。");
        }

        var entries = form?[AttendanceRequest.AttendedField] ?? StringValues.Empty;
        var by = form?[AttendanceRequest.RecordedByField].ToString().Trim();
        var request = new AttendanceRequest(entries.OfType<string>().ToList(), string.IsNullOrEmpty(by) ? Workshops.CancelRequest.DefaultActor : TextClip.Clip(by, Workshops.CancelRequest.MaxActorLength)!, "page");
        var result = await recorder.RecordAsync(id, request);
        return await RenderAsync(id, result.Refusal, result.Counts, result.Refusal?.Status ?? StatusCodes.Status200OK);
    }

    private async Task<IResult> RenderAsync(string id, AttendanceRefusal? refusal, AttendanceCounts? saved, int status = StatusCodes.Status200OK)
    {
        if (await workshops.GetAsync(id) is not { } workshop)
        {
            return Pages.Message(StatusCodes.Status404NotFound, "No such workshop", "没有此研讨会",
                $"There is no workshop with the id '{id}'.", $"没有编号为“{id}”的研讨会。");
        }

        var rosterTask = participants.ListAsync(id);
        var directoryTask = directory.LoadAsync();
        await Task.WhenAll(rosterTask, directoryTask);
        var unready = AttendanceRecorder.Unready(workshop, time.GetUtcNow());
        return Pages.Render<AttendancePage>(new()
        {
            [nameof(AttendancePage.Workshop)] = workshop,
            [nameof(AttendancePage.Roster)] = rosterTask.Result,
            [nameof(AttendancePage.Directory)] = directoryTask.Result,
            [nameof(AttendancePage.Refusal)] = refusal ?? unready,
            [nameof(AttendancePage.Closed)] = unready is not null,
            [nameof(AttendancePage.Saved)] = saved,
        }, status);
    }

    /// <summary>Browsers say where a request comes from in Sec-Fetch-Site; with the pages' no-referrer policy their
    /// Origin on a form post is "null", so Origin decides only for a client that sends no Sec-Fetch-Site.</summary>
    private static bool IsCrossSite(HttpRequest request)
    {
        if (request.Headers["Sec-Fetch-Site"].ToString() is { Length: > 0 } site) return site is not ("same-origin" or "none");
        var origin = request.Headers.Origin.ToString();
        return origin.Length > 0 && (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || !string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase));
    }
}
