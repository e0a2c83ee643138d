using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Approvals.Audit;
using Approvals.Health;
using Approvals.Contacts;
using Approvals.Diagnostics;
using Approvals.Handovers;
using Approvals.Events;
using Approvals.Links;
using Approvals.Nominations;
using Approvals.Participants;
using Approvals.Reports;
using Approvals.Review;
using Approvals.Status;
using Approvals.Workshops;
using Microsoft.DurableTask.Client;

namespace Approvals.Http;

/// <summary>The route table of the self-hosted server; the Functions app declares the same routes as functions.</summary>
public static class Endpoints
{
    public static IEndpointRouteBuilder MapApprovals(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var keyed = app.MapGroup("/api").AddEndpointFilter<ApiKeyFilter>();
        keyed.MapPost("/workshops", (HttpContext h, WorkshopsApi api, DurableTaskClient c) => api.SubmitAsync(h, c));
        keyed.MapGet("/workshops", (HttpContext h, WorkshopsApi api) => api.ListAsync(h));
        keyed.MapGet("/workshops/{id}", (string id, WorkshopsApi api, DurableTaskClient c) => api.GetAsync(c, id));
        keyed.MapPut("/workshops/{id}/proposal", (string id, HttpContext h, WorkshopsApi api, DurableTaskClient c) => api.ResubmitAsync(h, c, id));
        keyed.MapPost("/workshops/{id}/cancel", (string id, HttpContext h, WorkshopsApi api, DurableTaskClient c) => api.CancelAsync(h, c, id));
        keyed.MapPost("/workshops/{id}/retry", (string id, HttpContext h, WorkshopsApi api, DurableTaskClient c) => api.RetryAsync(h, c, id));
        keyed.MapGet("/workshops/{id}/audit.csv", (string id, HttpContext h, AuditExport export) => export.WorkshopAsync(h, id));
        keyed.MapGet("/audit.csv", (HttpContext h, AuditExport export) => export.Range(h));
        keyed.MapPost("/workshops/{id}/reassign", (string id, HttpContext h, ReassignApi api, DurableTaskClient c) => api.ReassignAsync(h, c, id));
        keyed.MapGet("/directory", (HttpContext h, DirectoryApi api) => api.GetAsync(h));
        keyed.MapPut("/directory", (HttpContext h, DirectoryApi api, DurableTaskClient client) => api.PutAsync(h, client));
        keyed.MapGet("/directory/changes", (DirectoryApi api) => api.ChangesAsync());
        keyed.MapPost("/workshops/{id}/postpone", (string id, HttpContext h, AfterPublicationApi api, DurableTaskClient c) => api.PostponeAsync(h, c, id));
        keyed.MapGet("/diagnostics/storage-requests", (HttpContext h, DiagnosticsApi api) => api.StorageRequests(h));
        keyed.MapPut("/workshops/{id}/attendance", (string id, HttpContext h, AttendanceApi api, DurableTaskClient c) => api.PutAsync(h, c, id));
        keyed.MapGet("/workshops/{id}/participants.csv", (string id, HttpContext h, ReportsApi api) => api.WorkshopCsvAsync(h, id));
        keyed.MapGet("/workshops/{id}/participants.xlsx", (string id, HttpContext h, ReportsApi api) => api.WorkshopXlsxAsync(h, id));
        keyed.MapGet("/reports/participants", (HttpContext h, ReportsApi api) => api.ProgrammeAsync(h));

        // The dashboard's pages check the key itself, to answer a browser with a page and a Basic challenge.
        var links = app.MapGroup("/api");
        links.MapGet("/dashboard", (HttpContext h, DashboardPage page) => page.ShowAsync(h));
        links.MapGet("/dashboard/workshops/{id}", (string id, HttpContext h, DashboardPage page, DurableTaskClient c) => page.ShowWorkshopAsync(h, c, id));
        links.MapGet("/dashboard/workshops/{id}/audit.csv", (string id, HttpContext h, DashboardDownloads d) => d.AuditCsvAsync(h, id));
        links.MapGet("/dashboard/workshops/{id}/status.json", (string id, HttpContext h, DashboardDownloads d, DurableTaskClient c) => d.StatusJsonAsync(h, c, id));
        links.MapGet("/dashboard/workshops/{id}/attendance", (string id, HttpContext h, AttendancePages p) => p.ShowAsync(h, id));
        links.MapPost("/dashboard/workshops/{id}/attendance", (string id, HttpContext h, AttendancePages p) => p.SaveAsync(h, id));
        links.MapGet("/dashboard/workshops/{id}/participants.csv", (string id, HttpContext h, ReportDownloads d) => d.CsvAsync(h, id));
        links.MapGet("/dashboard/workshops/{id}/participants.xlsx", (string id, HttpContext h, ReportDownloads d) => d.XlsxAsync(h, id));

        // Links in mails carry their own signed token instead of a key.
        links.MapMethods("/decisions/{token}", [HttpMethods.Get, HttpMethods.Head], (string token, DecisionLinks l) => l.ShowAsync(token));
        links.MapPost("/decisions/{token}", (string token, HttpContext h, DecisionLinks l, DurableTaskClient c) => l.DecideAsync(h, c, token));
        links.MapMethods("/nominations/{token}", [HttpMethods.Get, HttpMethods.Head], (string token, NominationLinks l) => l.ShowAsync(token));
        links.MapPost("/nominations/{token}", (string token, HttpContext h, NominationLinks l, DurableTaskClient c) => l.SubmitAsync(h, c, token));
        links.MapMethods("/answers/{token}", [HttpMethods.Get, HttpMethods.Head], (string token, AnswerLinks l) => l.ShowAsync(token));
        links.MapPost("/answers/{token}", (string token, HttpContext h, AnswerLinks l, DurableTaskClient c) => l.SubmitAsync(h, c, token));
        links.MapMethods("/substitutions/{token}", [HttpMethods.Get, HttpMethods.Head], (string token, SubstitutionLinks l) => l.ShowAsync(token));
        links.MapPost("/substitutions/{token}", (string token, HttpContext h, SubstitutionLinks l, DurableTaskClient c) => l.SubmitAsync(h, c, token));
        app.MapApprovalsHealth();
        return app;
    }
}
