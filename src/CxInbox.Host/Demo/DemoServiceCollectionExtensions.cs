namespace CxInbox.Host.Demo;

internal static class DemoServiceCollectionExtensions
{
    /// <summary>With <c>CxInbox:Demo:Enabled</c> (<c>--demo</c>): the demo secrets of unconfigured channels, and the
    /// simulated customers.</summary>
    public static void AddCxInboxDemo(this IServiceCollection services, IConfigurationManager configuration)
    {
        if (!configuration.GetValue<bool>($"{DemoOptions.SectionName}:{nameof(DemoOptions.Enabled)}"))
        {
            return;
        }

        configuration.AddInMemoryCollection(DemoOptions.SecretsFor(configuration));
        services.AddOptions<DemoOptions>().Bind(configuration.GetSection(DemoOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddHostedService<DemoTraffic>();
    }
}
