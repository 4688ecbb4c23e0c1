namespace CxInbox.IntegrationTests.Infrastructure;

internal static class Eventually
{
    /// <summary>Polls until <paramref name="done"/> holds; asserts with the last value seen when time runs out.
    /// A wait for an outcome, not a measurement: the time limit only bounds a broken run.</summary>
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        T last;
        do
        {
            last = await probe();
            if (done(last))
            {
                return last;
            }

            await Task.Delay(50);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Fail($"Timed out waiting for {what}; last seen: {last}");
        return last;
    }
}
