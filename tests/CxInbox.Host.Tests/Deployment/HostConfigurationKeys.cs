using System.Reflection;
using CxInbox.Host.Bus;

namespace CxInbox.Host.Tests.Deployment;

/// <summary>
/// The configuration keys the Host binds, found the way a newcomer would: every options class (a type with a
/// <c>SectionName</c> constant) contributes its section and public settable properties, down into nested CxInbox
/// settings and list items (<c>Channels:Email:Mailboxes:Host</c> stands for every <c>Mailboxes:N:Host</c>), and
/// the two connection strings are named by constants where they are read.
/// </summary>
internal static class HostConfigurationKeys
{
    public static IReadOnlySet<string> All { get; } = Collect();

    /// <summary>The sections of the channels the Host can run (<c>Channels:Twilio</c>, <c>Channels:Email</c>, ...).</summary>
    public static IReadOnlySet<string> ChannelSections { get; } = OptionsSections().Where(s => s.StartsWith("Channels:", StringComparison.Ordinal)).ToHashSet();

    private static HashSet<string> Collect()
    {
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            $"ConnectionStrings:{CxInbox.Data.ServiceCollectionExtensions.PostgresConnectionStringName}",
            $"ConnectionStrings:{BusConfiguration.RabbitMqConnectionStringName}",
        };
        foreach (var type in OptionsTypes())
        {
            AddKeys(keys, Section(type), type);
        }

        return keys;
    }

    private static void AddKeys(HashSet<string> keys, string prefix, Type type)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var key = $"{prefix}:{property.Name}";
            keys.Add(key);
            var valueType = property.PropertyType.IsGenericType && property.PropertyType.GetGenericTypeDefinition() != typeof(Nullable<>)
                ? property.PropertyType.GetGenericArguments()[^1]
                : property.PropertyType;
            if (valueType.IsClass && valueType.Namespace?.StartsWith("CxInbox.", StringComparison.Ordinal) == true)
            {
                AddKeys(keys, key, valueType);
            }
        }
    }

    private static IEnumerable<string> OptionsSections() => OptionsTypes().Select(Section);

    private static IEnumerable<Type> OptionsTypes() =>
        CxInboxAssemblies().SelectMany(a => a.GetTypes())
            .Where(t => t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true });

    private static string Section(Type options) =>
        (string)options.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)!.GetRawConstantValue()!;

    private static IEnumerable<Assembly> CxInboxAssemblies()
    {
        var host = typeof(BusConfiguration).Assembly;
        return host.GetReferencedAssemblies()
            .Where(n => n.Name!.StartsWith("CxInbox.", StringComparison.Ordinal))
            .Select(Assembly.Load)
            .Append(host);
    }
}
