using Approvals.Status;
using Approvals.Workshops;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Approvals.Functions.Http;

/// <summary>The staff and manager API; keys are the Function keys (AuthorizationLevel.Function), except the dashboard's.</summary>
public sealed class WorkshopFunctions(WorkshopsApi api, DashboardPage dashboard, DashboardDownloads downloads)
{
    [Function(nameof(SubmitWorkshop))]
    public Task<IActionResult> SubmitWorkshop(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "workshops")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        Adapted.From(api.SubmitAsync(req.HttpContext, client));

    [Function(nameof(ListWorkshops))]
    public Task<IActionResult> ListWorkshops([HttpTrigger(AuthorizationLevel.Function, "get", Route = "workshops")] HttpRequest req) =>
        Adapted.From(api.ListAsync(req.HttpContext));

    [Function(nameof(GetWorkshop))]
    public Task<IActionResult> GetWorkshop(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "workshops/{id}")] HttpRequest req, string id, [DurableClient] DurableTaskClient client) =>
        Adapted.From(api.GetAsync(client, id));

    [Function(nameof(ResubmitProposal))]
    public Task<IActionResult> ResubmitProposal(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "workshops/{id}/proposal")] HttpRequest req, string id, [DurableClient] DurableTaskClient client) =>
        Adapted.From(api.ResubmitAsync(req.HttpContext, client, id));

    [Function(nameof(CancelWorkshop))]
    public Task<IActionResult> CancelWorkshop(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "workshops/{id}/cancel")] HttpRequest req, string id, [DurableClient] DurableTaskClient client) =>
        Adapted.From(api.CancelAsync(req.HttpContext, client, id));

    [Function(nameof(RetryWorkshopStep))]
    public Task<IActionResult> RetryWorkshopStep(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "workshops/{id}/retry")] HttpRequest req, string id, [DurableClient] DurableTaskClient client) =>
        Adapted.From(api.RetryAsync(req.HttpContext, client, id));

    /// <summary>Anonymous to the host because the page checks the staff key (Approvals:ApiKeys) itself: a browser sends
    /// it by HTTP Basic authentication, which the host's key check does not read.</summary>
    [Function(nameof(ShowDashboard))]
    public Task<IActionResult> ShowDashboard([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dashboard")] HttpRequest req) =>
        Adapted.From(dashboard.ShowAsync(req.HttpContext));

    /// <summary>Anonymous to the host for the same reason as <see cref="ShowDashboard"/>.</summary>
    [Function(nameof(ShowWorkshopDashboard))]
    public Task<IActionResult> ShowWorkshopDashboard(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dashboard/workshops/{id}")] HttpRequest req, string id, [DurableClient] DurableTaskClient client) =>
        Adapted.From(dashboard.ShowWorkshopAsync(req.HttpContext, client, id));

    /// <summary>The workshop page's downloads: anonymous to the host, checked by the page's key like the page.</summary>
    [Function(nameof(DownloadWorkshopAudit))]
    public Task<IActionResult> DownloadWorkshopAudit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dashboard/workshops/{id}/audit.csv")] HttpRequest req, string id) =>
        Adapted.From(downloads.AuditCsvAsync(req.HttpContext, id));

    [Function(nameof(DownloadWorkshopStatus))]
    public Task<IActionResult> DownloadWorkshopStatus(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dashboard/workshops/{id}/status.json")] HttpRequest req, string id,
        [DurableClient] DurableTaskClient client) =>
        Adapted.From(downloads.StatusJsonAsync(req.HttpContext, client, id));
}
