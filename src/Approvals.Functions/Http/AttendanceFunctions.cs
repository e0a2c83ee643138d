using Approvals.Participants;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Approvals.Functions.Http;

/// <summary>Recording who came: the staff API (Function keys) and the staff page (anonymous to the host: the page checks
/// the staff key itself, which a browser sends by HTTP Basic authentication, as on the dashboard).</summary>
public sealed class AttendanceFunctions(AttendanceApi api, AttendancePages pages)
{
    [Function(nameof(RecordAttendance))]
    public Task<IActionResult> RecordAttendance(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "workshops/{id}/attendance")] HttpRequest req, string id, [DurableClient] DurableTaskClient client) =>
        Adapted.From(api.PutAsync(req.HttpContext, client, id));

    [Function(nameof(ShowAttendancePage))]
    public Task<IActionResult> ShowAttendancePage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dashboard/workshops/{id}/attendance")] HttpRequest req, string id) =>
        Adapted.From(pages.ShowAsync(req.HttpContext, id));

    [Function(nameof(SaveAttendancePage))]
    public Task<IActionResult> SaveAttendancePage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "dashboard/workshops/{id}/attendance")] HttpRequest req, string id) =>
        Adapted.From(pages.SaveAsync(req.HttpContext, id));
}
