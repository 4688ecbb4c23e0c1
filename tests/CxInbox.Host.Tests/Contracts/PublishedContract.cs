using System.Reflection;
using CxInbox.Contracts;

namespace CxInbox.Host.Tests.Contracts;

/// <summary>The wire shape of one message contract: what a consumer built against it relies on.</summary>
internal sealed record PublishedContract(string Name, IReadOnlyList<PublishedField> Fields)
{
    /// <summary>Every public type of CxInbox.Contracts, read from the assembly the Host ships.</summary>
    public static IReadOnlyList<PublishedContract> Current()
    {
        var nullability = new NullabilityInfoContext();
        return typeof(InteractionReceived).Assembly.GetExportedTypes()
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => new PublishedContract(t.FullName!, Describe(t, nullability)))
            .ToList();
    }

    private static List<PublishedField> Describe(Type type, NullabilityInfoContext nullability) =>
        type.IsEnum
            ? Enum.GetNames(type).Select(n => new PublishedField(n, Convert.ToInt64(Enum.Parse(type, n), System.Globalization.CultureInfo.InvariantCulture).ToString(System.Globalization.CultureInfo.InvariantCulture), Required: false)).ToList()
            : type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.Name != "EqualityContract")
                .OrderBy(p => p.Name, StringComparer.Ordinal)
                .Select(p => new PublishedField(p.Name, TypeName(p.PropertyType, nullability.Create(p)),
                    p.GetCustomAttributes().Any(a => a.GetType().Name == "RequiredMemberAttribute")))
                .ToList();

    private static string TypeName(Type type, NullabilityInfo info)
    {
        var nullable = info.ReadState == NullabilityState.Nullable && !type.IsValueType ? "?" : "";
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return underlying.Name + "?";
        }

        if (!type.IsGenericType)
        {
            return type.Name + nullable;
        }

        var name = type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)];
        var arguments = type.GetGenericArguments().Select((a, i) => TypeName(a, info.GenericTypeArguments[i]));
        return $"{name}<{string.Join(", ", arguments)}>{nullable}";
    }
}

/// <summary>A property (or an enum member, whose <see cref="Type"/> is then its number).</summary>
internal sealed record PublishedField(string Name, string Type, bool Required);
