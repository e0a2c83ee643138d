using Approvals;
using Approvals.Links;
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

    /// <summary>Only a Development banner shows a key: outside it the console ends up in log collectors and on
    /// screens shared in meetings, so the examples say where the key comes from instead.</summary>
    public static void Print(WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<ApprovalsOptions>>().Value;
        var url = app.Urls.FirstOrDefault()?.TrimEnd('/') ?? "http://localhost:7071";
        var development = app.Environment.IsDevelopment();
        var key = !development ? "<your API key>" : options.ApiKeys.FirstOrDefault() ?? "(none: set Approvals__ApiKeys__0)";
        var keyLine = !development
            ? "set in Approvals:ApiKeys (not printed outside Development)"
            : key + (options.ApiKeys.Contains(DevelopmentDefaults.ApiKey) ? "  (development key)" : string.Empty);
        var exposure = SigningKey.PublicKeyExposure(options);
        var warning = exposure is null
            ? string.Empty
            : $"{Environment.NewLine}  WARNING: links are signed with the PUBLIC development key while {exposure}; anyone can forge them. Set Approvals__SigningKey.{Environment.NewLine}";
        Console.WriteLine($"""

            Approvals is running on {url}
              Submit a workshop : curl -H "x-functions-key: {key}" -H "Content-Type: application/json" --data @samples/proposal.json {url}/api/workshops
              List workshops    : curl -H "x-functions-key: {key}" {url}/api/workshops
              Dashboard         : {url}/api/dashboard (the browser asks: any user name, the API key as password)
              Local mailbox     : {url}/dev/mailbox
              Published events  : {url}/api/events
              API key           : {keyLine}
            {warning}Press Ctrl+C to stop.

            """);
    }
}
