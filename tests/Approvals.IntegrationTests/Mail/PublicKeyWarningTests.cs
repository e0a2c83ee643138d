using Approvals.Links;
using Microsoft.Extensions.Logging;

namespace Approvals.IntegrationTests.Mail;

/// <summary>The library's composition, as both hosts run it, in Development with the development key and real SMTP.</summary>
[Collection(nameof(MailCollection))]
public sealed class PublicKeyWarningTests(MailTestAzurite azurite, Smtp4devFixture smtp4dev)
{
    [Fact]
    public async Task ADevelopmentHostMailingForRealWithTheDevelopmentKeyLogsALoudWarning()
    {
        await using var host = await MailHost.StartAsync(azurite, smtp4dev.SmtpPort);

        var warning = Assert.Single(host.Logs.Lines, l => l.Category == typeof(PublicKeyWarning).FullName);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.StartsWith("LINKS ARE SIGNED WITH THE PUBLIC DEVELOPMENT KEY while mail goes out through 127.0.0.1", warning.Message, StringComparison.Ordinal);
    }
}
