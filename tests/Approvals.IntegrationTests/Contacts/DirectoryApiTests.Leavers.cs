using System.Net;
using System.Text.Json.Nodes;
using Approvals.Contacts;
using Approvals.IntegrationTests.Infrastructure;
using Approvals.IntegrationTests.Links;
using Approvals.Workflow;

namespace Approvals.IntegrationTests.Contacts;

/// <summary>Someone taken out of the directory no longer holds the requests already waiting on them: a manager
/// replaced while a review waits, a focal point replaced while their ministry's nominations wait.</summary>
public sealed partial class DirectoryApiTests
{
    private const string NewFocalPoint = "new.focal.mfa@gov.example.cn";
    private const string OldFocalPoint = "focal.mfa@gov.example.cn";

    [Fact]
    public async Task AManagerAndAFocalPointTakenOutOfTheDirectoryHandTheirWaitingRequestsToWhoReplacedThem()
    {
        await Replace(_ => { });
        var (id, _) = await server.SubmitAsync();
        var managersLink = await LinkBrowser.MailedLink(server, id, Manager);

        // The manager leaves; the interim manager takes their place in the directory.
        var moved = await Replace(d => d["projectManagers"] = new JsonArray(Interim));
        Assert.InRange(HandedOver(moved), 1, 10); // other tests of this class may have left requests waiting too
        var interimsLink = await LinkBrowser.MailedLink(server, id, Interim);
        var interimsMail = (await server.MailsAsync(id)).First(m => m.To == Interim);
        Assert.Contains($"held by {Manager}, who is no longer listed in the project directory", interimsMail.Text, StringComparison.Ordinal);
        Assert.Equal([Interim], (await server.StatusAsync(id)).Pending.Select(p => p.Party));

        var old = await server.Http.GetAsync(managersLink);
        Assert.Equal(HttpStatusCode.Gone, old.StatusCode);
        Assert.Contains($"This request was passed to {Interim}", await old.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var rejected = await server.Http.PostAsync(managersLink, new FormUrlEncodedContent(new Dictionary<string, string> { ["decision"] = "reject", ["comment"] = "gone" }));
        Assert.Equal(HttpStatusCode.Gone, rejected.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Decide(interimsLink, "approve")).StatusCode);
        var status = await server.WaitForStageAsync(id, Stage.Nominations);
        Assert.Equal(Interim, Assert.Single(status.History, h => h.Action == AuditActions.Approved).Actor);
        Assert.Contains($"InternalReview: {Manager} → {Interim}", Assert.Single(status.History, h => h.Action == AuditActions.MovedByDirectoryChange).Comment, StringComparison.Ordinal);

        // MFA's focal point leaves while MFA's nominations wait.
        var focalPointsLink = await LinkBrowser.MailedLink(server, id, OldFocalPoint);
        Assert.InRange(HandedOver(await Replace(d => d["ministries"]![0]!["focalPoints"] = new JsonArray(NewFocalPoint))), 1, 10);
        var newLink = await LinkBrowser.MailedLink(server, id, NewFocalPoint);
        var gone = await server.Http.GetAsync(focalPointsLink);
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        Assert.Contains($"This request was passed to {NewFocalPoint}", await gone.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Gone, (await server.Http.PostAsync(focalPointsLink, OneNominee("Someone Else", "someone@mfa.example.cn"))).StatusCode);

        var sent = await server.Http.PostAsync(newLink, OneNominee("Li Wei", "li.wei@mfa.example.cn"));
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        status = await Eventually.Until(() => server.StatusAsync(id), s => s.Pending.All(p => p.Party != "MFA"), TimeSpan.FromSeconds(30));
        Assert.Equal(1, status.Nominations.Total);
        Assert.Equal(NewFocalPoint, Assert.Single(status.History, h => h.Action == AuditActions.SlateAccepted).Actor);

        // A change that takes nobody out of a waiting request hands nothing over.
        Assert.Equal(0, HandedOver(await Replace(d =>
        {
            d["projectManagers"] = new JsonArray(Interim);
            d["ministries"]![0]!["focalPoints"] = new JsonArray(NewFocalPoint);
            d["escalation"] = new JsonArray("liaison.office@iom.example.org", "deputy.liaison@iom.example.org");
        })));
        await Replace(_ => { });
    }

    /// <summary>Puts the seed directory with <paramref name="edit"/> applied, over whatever is stored now.</summary>
    private async Task<HttpResponseMessage> Replace(Action<JsonObject> edit)
    {
        var read = await server.Http.GetAsync("api/directory");
        var directory = Seed();
        edit(directory);
        var response = await Send(Put(directory, read.Headers.ETag!.Tag));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response;
    }

    private static int HandedOver(HttpResponseMessage response) =>
        int.Parse(response.Headers.GetValues(DirectoryApi.MovedHeader).Single(), System.Globalization.CultureInfo.InvariantCulture);

    private static FormUrlEncodedContent OneNominee(string name, string email) => new(new Dictionary<string, string>
    {
        ["nominees[0].name"] = name,
        ["nominees[0].position"] = "Division Director",
        ["nominees[0].sex"] = "male",
        ["nominees[0].email"] = email,
    });
}
