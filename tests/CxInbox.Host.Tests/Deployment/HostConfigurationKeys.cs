using System.Reflection;
using CxInbox.Host.Bus;

namespace CxInbox.Host.Tests.Deployment;

/// <summary>
/// The configuration keys the Host binds, found the way a newcomer would: every options class (a type with a
/// <c>SectionName</c> constant) contributes its section and public settable properties, and the two connection
/// strings are named by constants where they are read.
/// </summary>
internal static class HostConfigurationKeys
{
    public static IReadOnlySet<string> All { get; } = Collect();

    private static HashSet<string> Collect()
    {
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            $"ConnectionStrings:{CxInbox.Data.ServiceCollectionExtensions.PostgresConnectionStringName}",
            $"ConnectionStrings:{BusConfiguration.RabbitMqConnectionStringName}",
        };
        foreach (var type in CxInboxAssemblies().SelectMany(a => a.GetTypes()))
        {
            if (type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is not { IsLiteral: true } field)
            {
                continue;
            }

            var section = (string)field.GetRawConstantValue()!;
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
            {
                keys.Add($"{section}:{property.Name}");
            }
        }

        return keys;
    }

    private static IEnumerable<Assembly> CxInboxAssemblies()
    {
        var host = typeof(BusConfiguration).Assembly;
        return host.GetReferencedAssemblies()
            .Where(n => n.Name!.StartsWith("CxInbox.", StringComparison.Ordinal))
            .Select(Assembly.Load)
            .Append(host);
    }
}
