// One Azurite serves every server of the run and the app's own tables, queue and mailbox are shared between
// them, so integration tests run one at a time (this also keeps the 2-core machine from thrashing).
[assembly: CollectionBehavior(DisableTestParallelization = true)]
