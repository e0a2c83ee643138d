using Approvals;
using Microsoft.Extensions.Options;

namespace Approvals.Server.Hosting;

/// <summary>Tells whoever started the server where to go and which key to use.</summary>
internal static class StartupBanner
{
    /// <summary>Runs the server; a configuration error ends it with exit code 2 and the reasons, not a crash dump.</summary>
    public static int Run(WebApplication app)
    {
        try
        {
            app.Run();
            return 0;
        }
        catch (OptionsValidationException e)
        {
            Console.Error.WriteLine($"Approvals cannot start: the configuration is invalid.{Environment.NewLine}  - {string.Join($"{Environment.NewLine}  - ", e.Failures)}");
            return 2;
        }
    }

    public static void Print(WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<ApprovalsOptions>>().Value;
        var url = app.Urls.FirstOrDefault()?.TrimEnd('/') ?? "http://localhost:7071";
        var key = options.ApiKeys.FirstOrDefault() ?? "(none: set Approvals__ApiKeys__0)";
        var usingDevKey = options.ApiKeys.Contains(DevelopmentDefaults.ApiKey);
        Console.WriteLine($"""

            Approvals is running on {url}
              Submit a workshop : curl -H "x-functions-key: {key}" -H "Content-Type: application/json" --data @samples/proposal.json {url}/api/workshops
              List workshops    : {url}/api/workshops?code={key}
              Local mailbox     : {url}/dev/mailbox
              Published events  : {url}/api/events
              API key           : {key}{(usingDevKey ? "  (development key; the signing key is the development key too)" : string.Empty)}
            Press Ctrl+C to stop.

            """);
    }
}
