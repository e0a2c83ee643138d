using Approvals.IntegrationTests.Infrastructure;
using Approvals.Storage;
using Microsoft.Extensions.Configuration;

namespace Approvals.IntegrationTests.Mail;

/// <summary>The mail tests' own Azurite, empty when they start: their hosts run the library's queue handler and
/// worker, whose notifications a server on the same storage would take, and they count what reaches the queues.</summary>
public sealed class MailTestAzurite : IDisposable
{
    readonly OwnAzurite azurite = new();

    public string ConnectionString => azurite.ConnectionString;

    public StorageAccount Account() => StorageAccount.FromConfiguration(
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [StorageAccount.ConnectionKey] = ConnectionString }).Build());

    public void Dispose() => azurite.Dispose();
}
