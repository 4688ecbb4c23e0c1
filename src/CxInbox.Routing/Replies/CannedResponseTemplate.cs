using System.Text.RegularExpressions;

namespace CxInbox.Routing.Replies;

/// <summary>What a canned response's placeholders stand for in one conversation; null when not known.</summary>
public sealed record PlaceholderValues(string? CustomerFirstName, string? AgentName, string? OrderNumber);

/// <summary>The text to put in the reply box, and the placeholders that had no value: they stay in the text as
/// written, for the agent to fill in before sending.</summary>
public sealed record RenderedResponse(string Text, IReadOnlyList<string> Missing);

/// <summary>
/// Canned responses: standard answers with placeholders written <c>{{first_name}}</c>, <c>{{agent_name}}</c> and
/// <c>{{order_number}}</c> (spaces inside the braces and upper case allowed). Pure: the caller finds the values.
/// </summary>
public static partial class CannedResponseTemplate
{
    public const string FirstName = "first_name";
    public const string AgentName = "agent_name";
    public const string OrderNumber = "order_number";

    public static readonly IReadOnlyList<string> Placeholders = [FirstName, AgentName, OrderNumber];

    /// <summary>Names used in <c>{{…}}</c> that are not placeholders, in order of first use.</summary>
    public static IReadOnlyList<string> UnknownPlaceholders(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return [.. Placeholder().Matches(body).Select(m => Normalise(m.Groups["name"].Value)).Where(n => !Placeholders.Contains(n)).Distinct()];
    }

    public static RenderedResponse Render(string body, PlaceholderValues values)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(values);
        var missing = new List<string>();
        var text = Placeholder().Replace(body, match =>
        {
            var name = Normalise(match.Groups["name"].Value);
            var value = name switch
            {
                FirstName => values.CustomerFirstName,
                AgentName => values.AgentName,
                OrderNumber => values.OrderNumber,
                _ => null,
            };
            if (string.IsNullOrWhiteSpace(value))
            {
                if (!missing.Contains(name))
                {
                    missing.Add(name);
                }

                return match.Value;
            }

            return value.Trim();
        });
        return new RenderedResponse(text, missing);
    }

    /// <summary>The first word of a customer's name, as the name is written ("Siti Rahayu" gives "Siti"); null when
    /// there is no name, or it is an address rather than a name (SMS and X give numbers and handles).</summary>
    public static string? FirstNameOf(string? name)
    {
        var first = name?.Trim().Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return first is null || first.Any(c => c is '@' or '+') || first.Any(char.IsDigit) ? null : first;
    }

    /// <summary>The order number in the customer's latest message that names one: within the three words after
    /// "order", "pesanan", "invoice", "resi" or "#" ("order #A-12345", "pesanan saya 987654321", "no. pesanan:
    /// INV/2026/001"); null when none does. A number has at least four digits, so "order 2 shirts" names none.</summary>
    public static string? OrderNumberIn(IEnumerable<string> customerMessagesNewestFirst)
    {
        ArgumentNullException.ThrowIfNull(customerMessagesNewestFirst);
        foreach (var text in customerMessagesNewestFirst)
        {
            foreach (Match keyword in OrderKeyword().Matches(text ?? ""))
            {
                var after = text![(keyword.Index + keyword.Length)..];
                var number = Word().Matches(after).Take(3).Select(w => w.Value.Trim('-', '/'))
                    .FirstOrDefault(w => w.Count(char.IsDigit) >= 4);
                if (number is not null)
                {
                    return number;
                }
            }
        }

        return null;
    }

    private static string Normalise(string name) => name.ToLowerInvariant();

    [GeneratedRegex(@"\{\{\s*(?<name>[A-Za-z_][A-Za-z0-9_]*)\s*\}\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\b(?:order|pesanan|invoice|resi)\b|#", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OrderKeyword();

    [GeneratedRegex(@"[A-Za-z0-9][A-Za-z0-9\-/]*")]
    private static partial Regex Word();
}
