namespace Approvals.IntegrationTests.Faults;

/// <summary>A long fault run, left out of the default <c>dotnet test</c> (it would take minutes):
/// <c>APPROVALS_SOAK=1 dotnet test tests/Approvals.IntegrationTests --filter Category=Soak</c> runs it and prints its figures.</summary>
public sealed class SoakFactAttribute : FactAttribute
{
    public const string Switch = "APPROVALS_SOAK";

    public SoakFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(Switch) != "1") Skip = $"A soak: set {Switch}=1 and run with --filter Category=Soak.";
    }
}
