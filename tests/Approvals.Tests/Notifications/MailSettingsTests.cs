using Approvals.Notifications;
using MailKit.Security;
using Microsoft.Extensions.Configuration;

namespace Approvals.Tests.Notifications;

public sealed class MailSettingsTests
{
    private static ApprovalsOptions Bind(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var options = new ApprovalsOptions();
        configuration.GetSection(ApprovalsOptions.Section).Bind(options);
        return options;
    }

    [Fact]
    public void EmptyMailSettingsCountAsUnset()
    {
        var options = Bind(new()
        {
            ["Approvals:Mail:From"] = "",
            ["Approvals:Mail:Smtp:Host"] = "",
            ["Approvals:Mail:Smtp:UserName"] = "",
            ["Approvals:Mail:Smtp:Password"] = "",
            ["Approvals:Mail:Smtp:Port"] = "",
            ["Approvals:Mail:Smtp:UseTls"] = "",
        });

        Assert.False(MailSettings.UsesSmtp(options.Mail));
        Assert.Equal(25, MailSettings.SmtpPort(options.Mail));
        Assert.False(MailSettings.UseTls(options.Mail));
        Assert.Null(MailSettings.UserName(options.Mail));
        Assert.Equal("approvals@localhost", MailSettings.From(options.Mail).Address);
    }

    [Fact]
    public void AHostMeansSmtpAndAUserNameMeansAuthentication()
    {
        var options = Bind(new()
        {
            ["Approvals:Mail:From"] = "EU-China Approvals <approvals@iom.example.org>",
            ["Approvals:Mail:Smtp:Host"] = "smtp.example.org",
            ["Approvals:Mail:Smtp:UserName"] = "mailer",
        });

        Assert.Equal("smtp.example.org", MailSettings.SmtpHost(options.Mail));
        Assert.Equal("mailer", MailSettings.UserName(options.Mail));
        Assert.Equal("EU-China Approvals", MailSettings.From(options.Mail).Name);
    }

    [Theory]
    [InlineData(false, 25, SecureSocketOptions.None)]
    [InlineData(true, 465, SecureSocketOptions.SslOnConnect)]
    [InlineData(true, 587, SecureSocketOptions.StartTls)]
    [InlineData(true, 25, SecureSocketOptions.StartTls)]
    public void UseTlsMeansImplicitTlsOn465AndStartTlsElsewhere(bool useTls, int port, SecureSocketOptions expected) =>
        Assert.Equal(expected, SmtpMailTransport.Security(new MailOptions { Smtp = new SmtpOptions { UseTls = useTls, Port = port } }));

    [Theory]
    [InlineData("not an address", null)]
    [InlineData("Approvals <approvals@iom.example.org>", 0)]
    [InlineData("Approvals <approvals@iom.example.org>", 70000)]
    public void AnUnreadableSenderOrPortStopsTheStart(string from, int? port)
    {
        var options = new ApprovalsOptions { Mail = new MailOptions { From = from, Smtp = new SmtpOptions { Port = port } } };

        Assert.True(new MailOptionsValidator().Validate(null, options).Failed);
    }

    [Fact]
    public void TheDefaultMailSettingsAreValid() =>
        Assert.True(new MailOptionsValidator().Validate(null, new ApprovalsOptions()).Succeeded);
}
