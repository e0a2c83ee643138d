using Approvals.Audit;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Approvals.Functions.Http;

/// <summary>The audit trail as CSV, for staff (Function keys).</summary>
public sealed class AuditFunctions(AuditExport export)
{
    [Function(nameof(ExportWorkshopAudit))]
    public Task<IActionResult> ExportWorkshopAudit(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "workshops/{id}/audit.csv")] HttpRequest req, string id) =>
        Adapted.From(export.WorkshopAsync(req.HttpContext, id));

    [Function(nameof(ExportAudit))]
    public Task<IActionResult> ExportAudit([HttpTrigger(AuthorizationLevel.Function, "get", Route = "audit.csv")] HttpRequest req) =>
        Adapted.From(Task.FromResult(export.Range(req.HttpContext)));
}
