using Approvals.Functions.Queues;
using Approvals.Functions.Timers;
using Approvals.IntegrationTests.Infrastructure;
using Approvals.Links;
using Approvals.Notifications;
using Approvals.Storage;
using Approvals.Workflow;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace Approvals.IntegrationTests.Functions;

/// <summary>The queue-triggered mail sender and the decision-recovery timer, called as the Functions host would call
/// them, against the storage and Durable backend of the running server.</summary>
[Collection(SharedServer.Links)]
public sealed class BackgroundFunctionsTests(AppServer server, FunctionsHost functions) : IClassFixture<FunctionsHost>
{
    const string ProjectManager = "project.manager@iom.example.org";

    [Fact]
    public async Task ANotificationFromTheQueueIsMailedOnceAndItsLinkOpensOnTheFunctions()
    {
        var id = await functions.SubmitAsync(server.Process.DurableClient);
        await server.WaitForStageAsync(id, Stage.InternalReview);
        var now = DateTimeOffset.UtcNow;
        var notification = new Notification(Guid.NewGuid().ToString("N"), NotificationKind.ReviewRequest, id, ProjectManager, Role.ProjectManager,
            Stage.InternalReview, 0, now, now.AddDays(5));

        // The message text as the host hands it over once it has decoded the Base64 the outbox sent.
        var message = Json.Serialize(notification);
        var deliver = functions.Create<NotificationFunctions>();
        await deliver.DeliverNotification(message, dequeueCount: 1, CancellationToken.None);
        await deliver.DeliverNotification(message, dequeueCount: 2, CancellationToken.None);

        var sent = await functions.Services.GetRequiredService<SentMailStore>().GetAsync(id, notification.Id);
        Assert.Equal((SentMailStore.Sent, 1), (sent?.Status, sent?.Attempts));
        var mail = Assert.Single(await functions.Services.GetRequiredService<MailboxStore>().ListAsync(ProjectManager, 500), m => m.NotificationId == notification.Id);
        Assert.Equal((id, NotificationKind.ReviewRequest), (mail.WorkshopId, mail.Kind));

        Assert.StartsWith("http://localhost:7071/api/decisions/", mail.Link, StringComparison.Ordinal);
        var page = await functions.ShowDecisionAsync(new Uri(mail.Link!));
        Assert.True(page.Status == StatusCodes.Status200OK && page.Body.Contains("International Migration Law and International Standards", StringComparison.Ordinal), page.ToString());

        // Not a notification: the function fails, so the host retries it and after maxDequeueCount poisons it.
        await Assert.ThrowsAsync<InvalidDataException>(() => deliver.DeliverNotification("{\"hello\":1}", 1, CancellationToken.None));
    }

    [Fact]
    public async Task ADecisionThatNeverReachedTheWorkflowIsRaisedByTheTimerFunction()
    {
        var id = await functions.SubmitAsync(server.Process.DurableClient);
        await server.WaitForStageAsync(id, Stage.InternalReview);
        var decisions = functions.Services.GetRequiredService<DecisionStore>();

        // What a crash right after storing a decision leaves behind: the decision, never raised.
        await decisions.TryRecordAsync(new StoredDecision(id, Stage.InternalReview, 0, ProjectManager, Decision.Approve, null, "token-id",
            DateTimeOffset.UtcNow.AddMinutes(-1), Raised: false));
        await functions.Create<DecisionRecoveryFunctions>().RecoverDecisions(new TimerInfo(), server.Process.DurableClient, CancellationToken.None);

        await server.WaitForStageAsync(id, Stage.Nominations);
        Assert.True((await decisions.GetAsync(id, Stage.InternalReview, 0))!.Raised);
    }
}
