using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Approvals.Functions;

public static class FunctionsApp
{
    /// <summary>The Functions app's services: the application, and problem+json written as the server writes it.</summary>
    public static IServiceCollection AddApprovalsFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddApprovals(configuration);
        services.AddProblemDetails();
        return services;
    }
}
