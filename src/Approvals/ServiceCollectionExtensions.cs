using Approvals.Audit;
using Approvals.Contacts;
using Approvals.Diagnostics;
using Approvals.Health;
using Approvals.Handovers;
using Approvals.Events;
using Approvals.Http;
using Approvals.Links;
using Approvals.Nominations;
using Approvals.Notifications;
using Approvals.Participants;
using Approvals.Notifications.Mailbox;
using Approvals.Proposals;
using Approvals.Reports;
using Approvals.Publication;
using Approvals.Retention;
using Approvals.Review;
using Approvals.Status;
using Approvals.Storage;
using Approvals.Telemetry;
using Approvals.Workflow;
using Approvals.Workshops;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Approvals;

/// <summary>The composition root of the application, shared by both hosts.</summary>
public static class ServiceCollectionExtensions
{
    public static IServiceCollection AddApprovals(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ApprovalsOptions>().BindConfiguration(ApprovalsOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApprovalsOptions>, ApprovalsOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddProblemDetails();
        services.AddApprovalsTraffic();
        services.ConfigureHttpJsonOptions(o => Json.ApplyTo(o.SerializerOptions));

        services.TryAddSingleton(_ => StorageRequestCounts.FromConfiguration(configuration));
        services.AddSingleton(sp => StorageAccount.FromConfiguration(configuration, sp.GetRequiredService<StorageRequestCounts>()));
        services.AddSingleton<DiagnosticsApi>();
        services.AddSingleton<Tables>();
        services.AddSingleton<WorkshopStore>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<NominationStore>();
        services.AddSingleton<ParticipantStore>();
        services.AddSingleton<DirectoryStore>();
        services.AddSingleton<IdempotencyStore>();
        services.AddSingleton<AnnouncementStore>();
        services.AddSingleton<NotificationOutbox>();
        services.AddHostedService<StorageStartup>();

        services.AddSingleton(sp => new LinkTokens(
            SigningKey.Resolve(sp.GetRequiredService<IOptions<ApprovalsOptions>>().Value),
            sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<PublicKeyWarning>();
        services.AddSingleton<LinkIssuer>();
        services.AddSingleton<LinkGate>();
        services.AddSingleton<DecisionStore>();
        services.AddSingleton<DecisionLinks>();
        services.AddSingleton<DecisionRecovery>();
        services.AddSingleton<NominationLinks>();

        services.AddSingleton<ProposalIntake>();
        services.AddSingleton<StatusQuery>();
        services.AddSingleton<DashboardPage>();
        services.AddSingleton<DashboardDownloads>();
        services.AddSingleton<WorkshopsApi>();
        services.AddSingleton<AuditExport>();
        services.AddApprovalsHealthChecks();
        services.AddSingleton<HistoryPurge>();
        services.AddSingleton<DirectoryApi>();
        services.AddSingleton<ReassignApi>();
        services.AddSingleton<PassOnForms>();
        services.AddSingleton<AfterPublicationApi>();
        services.AddSingleton<AttendanceRecorder>();
        services.AddSingleton<AttendanceApi>();
        services.AddSingleton<AttendancePages>();
        services.AddSingleton<ReportsApi>();
        services.AddSingleton<ReportDownloads>();
        services.AddSingleton<AnswerLinks>();
        services.AddSingleton<SubstitutionLinks>();
        services.AddSingleton<ApiKeyFilter>();
        services.AddSingleton<PageRenderer>();

        services.AddTransient<LoadDirectory>();
        services.AddTransient<RecordProgress>();
        services.AddTransient<RecordStep>();
        services.AddTransient<SendNotifications>();
        services.AddTransient<SaveSlate>();
        services.AddTransient<PublishAnnouncement>();
        services.AddTransient<RecordStuck>();
        services.AddTransient<AnnounceChange>();
        services.AddTransient<RecordAnswer>();
        services.AddTransient<ApplySubstitution>();
        services.AddTransient<RemindParticipants>();

        // Mail: rendering, sending (SMTP when a host is set, else the local mailbox), the queue handler, public pages.
        services.AddSingleton<IValidateOptions<ApprovalsOptions>, MailOptionsValidator>();
        services.AddSingleton<SentMailStore>();
        services.AddSingleton<MailboxStore>();
        services.AddSingleton<MailFactsLoader>();
        services.AddSingleton<NotificationRenderer>();
        services.AddSingleton<SmtpMailTransport>();
        services.AddSingleton<LocalMailboxTransport>();
        services.AddSingleton<IMailTransport>(sp => MailSettings.UsesSmtp(sp.GetRequiredService<IOptions<ApprovalsOptions>>().Value.Mail)
            ? sp.GetRequiredService<SmtpMailTransport>()
            : sp.GetRequiredService<LocalMailboxTransport>());
        services.AddSingleton<NotificationBatchSender>();
        services.AddSingleton<NotificationHandler>();
        services.AddMetrics();
        services.AddSingleton<ApprovalsMetrics>();
        services.AddSingleton<MailboxApi>();
        services.AddSingleton<EventsApi>();
        return services;
    }
}
