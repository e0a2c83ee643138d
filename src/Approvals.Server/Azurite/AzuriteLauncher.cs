namespace Approvals.Server.Azurite;

/// <summary>
/// The <c>node -e</c> script that runs azurite.js (which reads its flags from argv[2..]) and decides who may stop it.
/// </summary>
static class AzuriteLauncher
{
    /// <summary>Set to a log file: the script starts Azurite in a session of its own, prints its pid and exits.</summary>
    public const string DetachLogVariable = "AZURITE_DETACH_LOG";

    public const string ScriptVariable = "AZURITE_SCRIPT";

    // Attached (a child of its owner, the test fixtures' Azurites and Windows):
    // - it closes when its stdin ends, i.e. when the owner stops it, exits, crashes or is killed; the owner's pipes are
    //   gone by then, so its console is silenced first: a write to a dead pipe would end it halfway through saving;
    // - it ignores Ctrl-C, which the terminal sends to the whole process group, so the owner can finish its own
    //   shutdown against storage first.
    // Detached (the server's embedded emulator): no terminal, pipe or process group ties it to the server, so a crash of
    // the server leaves it running with everything it acknowledged; it closes (and saves) on SIGTERM, SIGINT or SIGHUP.
    // Either way Azurite's own shutdown saves its data files; the timer only ends a process that does not exit after.
    public const string Script = """
        const script = process.env.AZURITE_SCRIPT;
        const detachLog = process.env.AZURITE_DETACH_LOG;
        if (detachLog) {
            const env = { ...process.env, AZURITE_DETACHED: '1' };
            delete env.AZURITE_DETACH_LOG;
            const out = require('fs').openSync(detachLog, 'a');
            const child = require('child_process').spawn(process.execPath, [...process.execArgv, '--', ...process.argv.slice(1)],
                { detached: true, stdio: ['ignore', out, out], env });
            console.log(child.pid);
            child.unref();
        } else {
            process.argv.splice(1, 0, script);
            let close = () => process.exit(0);
            const once = process.once.bind(process);
            process.once = (event, handler) =>
                event === 'SIGINT' || event === 'SIGTERM' ? ((close = handler), process) : once(event, handler);
            let stopping = false;
            const stop = () => {
                if (stopping) return;
                stopping = true;
                setTimeout(() => process.exit(0), 5000).unref();
                close();
            };
            if (process.env.AZURITE_DETACHED) {
                ['SIGTERM', 'SIGINT', 'SIGHUP'].forEach(signal => process.on(signal, stop));
            } else {
                process.on('SIGINT', () => {});
                process.on('SIGTERM', stop);
                process.stdin.on('end', () => {
                    console.log = console.info = console.warn = console.error = () => {};
                    process.stdin.destroy();
                    stop();
                }).resume();
            }
            require(script);
        }
        """;
}
