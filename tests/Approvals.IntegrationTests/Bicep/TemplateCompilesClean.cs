namespace Approvals.IntegrationTests.Bicep;

/// <summary>`bicep build` and `bicep lint` of infra/main.bicep, offline, with nothing to report.</summary>
[Collection(nameof(BicepTemplate))]
public sealed class TemplateCompilesClean(CompiledTemplate template)
{
    [Fact]
    public void BuildReportsNoErrorsOrWarnings()
    {
        Assert.True(template.Build.ExitCode == 0, template.Build.ToString());
        Assert.True(template.Build.Diagnostics.Count == 0, string.Join('\n', template.Build.Diagnostics));
        Assert.True(string.IsNullOrWhiteSpace(template.Build.StandardError), template.Build.ToString());
        Assert.Equal("2018-05-01/subscriptionDeploymentTemplate.json#", ((string?)template.Root["$schema"])?.Split("/schemas/")[^1]);
    }

    [Fact]
    public async Task LintReportsNoErrorsOrWarnings()
    {
        var lint = await BicepCli.RunAsync("lint", CompiledTemplate.MainBicep);

        Assert.True(lint.ExitCode == 0, lint.ToString());
        Assert.True(lint.Diagnostics.Count == 0, string.Join('\n', lint.Diagnostics));
        Assert.True(string.IsNullOrWhiteSpace(lint.StandardError), lint.ToString());
    }
}
