using Approvals.Notifications;

namespace Approvals.Tests.Notifications;

public sealed class SmtpCredentialsNeedTlsTests
{
    static IReadOnlyList<string> Failures(bool? useTls, bool? allowWithoutTls, string? userName = "mailer")
    {
        var options = new ApprovalsOptions();
        options.Mail.Smtp.Host = "smtp.example.org";
        options.Mail.Smtp.UserName = userName;
        options.Mail.Smtp.Password = "secret";
        options.Mail.Smtp.UseTls = useTls;
        options.Mail.Smtp.AllowCredentialsWithoutTls = allowWithoutTls;
        return new MailOptionsValidator().Validate(null, options).Failures?.ToList() ?? [];
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData(false, null)]
    [InlineData(false, false)]
    public void AUserNameWithoutTlsIsRefusedAtStartNamingBothWaysOut(bool? useTls, bool? allow)
    {
        var failure = Assert.Single(Failures(useTls, allow));
        Assert.StartsWith("Approvals:Mail:Smtp:UserName is set but Approvals:Mail:Smtp:UseTls is not", failure, StringComparison.Ordinal);
        Assert.Contains("Approvals:Mail:Smtp:UseTls=true", failure, StringComparison.Ordinal);
        Assert.Contains("Approvals:Mail:Smtp:AllowCredentialsWithoutTls=true", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, null, "mailer")]
    [InlineData(false, true, "mailer")]
    [InlineData(null, null, null)]
    [InlineData(null, null, "")]
    public void TlsAnExplicitAllowanceOrNoCredentialsAreFine(bool? useTls, bool? allow, string? userName) =>
        Assert.Empty(Failures(useTls, allow, userName));
}
