namespace CxInbox.IntegrationTests.Infrastructure;

/// <summary>
/// A fixture whose every test gets a Host of its own, started with the fixture's settings and disposed after the test:
/// for tests that need a store where only their own agents and conversations exist.
/// </summary>
public abstract class HostPerTest(Engines engines, string fixtureName, IReadOnlyDictionary<string, string?>? settings = null)
{
    private protected HostUnderTest host = null!;

    [SetUp]
    public async Task StartHost() => host = await HostUnderTest.StartAsync(engines, fixtureName, settings);

    [TearDown]
    public async Task StopHost()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }
}
