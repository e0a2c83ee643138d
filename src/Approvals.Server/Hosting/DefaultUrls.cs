namespace Approvals.Server.Hosting;

public static class DefaultUrls
{
    /// <summary>Where the Functions host listens locally, and so where the server listens unless told otherwise.</summary>
    public const string Server = "http://localhost:7071";

    /// <summary>Listens on <paramref name="urls"/> unless --urls, ASPNETCORE_URLS or Kestrel endpoints say otherwise.</summary>
    public static WebApplicationBuilder UseDefaultUrls(this WebApplicationBuilder builder, string urls = Server)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configured = builder.Configuration[WebHostDefaults.ServerUrlsKey]
            ?? builder.Configuration["http_ports"] ?? builder.Configuration["https_ports"];
        if (string.IsNullOrWhiteSpace(configured) && !builder.Configuration.GetSection("Kestrel:Endpoints").Exists())
        {
            builder.WebHost.UseUrls(urls);
        }

        return builder;
    }
}
