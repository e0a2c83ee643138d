using Approvals.Contacts;
using Approvals.Handovers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Approvals.Functions.Http;

/// <summary>The directory and the reassignment of a waiting request: staff API, Function keys.</summary>
public sealed class DirectoryFunctions(DirectoryApi directory, ReassignApi reassign)
{
    [Function(nameof(GetDirectory))]
    public Task<IActionResult> GetDirectory([HttpTrigger(AuthorizationLevel.Function, "get", Route = "directory")] HttpRequest req) =>
        Adapted.From(directory.GetAsync(req.HttpContext));

    [Function(nameof(ReplaceDirectory))]
    public Task<IActionResult> ReplaceDirectory(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "directory")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        Adapted.From(directory.PutAsync(req.HttpContext, client));

    [Function(nameof(ListDirectoryChanges))]
    public Task<IActionResult> ListDirectoryChanges([HttpTrigger(AuthorizationLevel.Function, "get", Route = "directory/changes")] HttpRequest req) =>
        Adapted.From(directory.ChangesAsync());

    [Function(nameof(ReassignRequest))]
    public Task<IActionResult> ReassignRequest(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "workshops/{id}/reassign")] HttpRequest req, string id, [DurableClient] DurableTaskClient client) =>
        Adapted.From(reassign.ReassignAsync(req.HttpContext, client, id));
}
