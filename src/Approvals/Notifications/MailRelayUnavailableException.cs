using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;

namespace Approvals.Notifications;

/// <summary>The SMTP relay could not be reached, cut the connection or answered "try later" (4xx). The mail itself is
/// fine: it waits for the relay however long that takes, instead of spending its tries towards the poison queue.</summary>
public sealed class MailRelayUnavailableException(string relay, Exception inner)
    : Exception($"The SMTP relay {relay} is unavailable: {inner.Message}", inner)
{
    /// <summary>A refusal that says something about this mail (a 5xx, e.g. an unknown recipient) is not an outage.</summary>
    public static bool IsOutage(Exception e) => e is SocketException or IOException or TimeoutException
        or SmtpProtocolException or ServiceNotConnectedException or SmtpCommandException { StatusCode: < (SmtpStatusCode)500 };
}
