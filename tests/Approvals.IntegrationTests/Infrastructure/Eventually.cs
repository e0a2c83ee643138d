namespace Approvals.IntegrationTests.Infrastructure;

/// <summary>Polls until what a user would see holds: the workflow moves asynchronously after each request.</summary>
public static class Eventually
{
    public static async Task WaitFor(Func<Task<bool>> condition, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Condition not met in time.");
            await Task.Delay(50);
        }
    }
}
