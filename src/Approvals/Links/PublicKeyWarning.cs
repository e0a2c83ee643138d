using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Approvals.Links;

/// <summary>In Development the links may be signed with the published development key; that is harmless until real
/// mail goes out or the links point beyond this machine, and then anyone could forge a decision. Says so at start.</summary>
public sealed class PublicKeyWarning(IOptions<ApprovalsOptions> options, ILogger<PublicKeyWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (SigningKey.PublicKeyExposure(options.Value) is { } exposure)
        {
            logger.LogWarning(
                "LINKS ARE SIGNED WITH THE PUBLIC DEVELOPMENT KEY while {Exposure}: anyone can forge a decision or a nomination. Set Approvals:SigningKey (openssl rand -base64 32)",
                exposure);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
