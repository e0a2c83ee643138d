namespace Approvals.IntegrationTests.Mail;

/// <summary>The mail tests share their own Azurite and one smtp4dev and run one after another (they share the queues).</summary>
[CollectionDefinition(nameof(MailCollection))]
public sealed class MailCollection : ICollectionFixture<MailTestAzurite>, ICollectionFixture<Smtp4devFixture>;
