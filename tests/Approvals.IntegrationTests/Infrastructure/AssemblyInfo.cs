// Collections run in parallel; inside one, tests run one at a time. A server polls the notifications queue and
// re-raises stored decisions in all the storage it sees, so servers that run at once either are the one shared
// server (SharedServer's collections, on the shared Azurite) or have an Azurite to themselves (OwnServers, the mail
// tests). Most of the run is spent waiting for queues to be polled, so more collections run at once than there are cores.
[assembly: CollectionBehavior(MaxParallelThreads = 8)]
