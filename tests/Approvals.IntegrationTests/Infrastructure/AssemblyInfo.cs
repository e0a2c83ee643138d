// Collections run in parallel, each over storage no other collection's server touches (a server polls the
// notifications queue and re-raises stored decisions in all the storage it sees): SharedServer on the shared Azurite,
// OwnServers and the mail tests on an Azurite each, the Bicep tests on none. Inside a collection tests run one at a
// time. Most of the run is spent waiting for queues to be polled, so more collections run at once than there are cores.
[assembly: CollectionBehavior(MaxParallelThreads = 4)]
