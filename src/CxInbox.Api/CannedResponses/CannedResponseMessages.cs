using CxInbox.Data.CannedResponses;
using CxInbox.Routing.Replies;

namespace CxInbox.Api.CannedResponses;

/// <param name="Team">The team it is offered to; null or left out: every team.</param>
public sealed record CannedResponseRequest(string? Title, string? Body, string? Team)
{
    public const int MaxTitleLength = 100;
    public const int MaxBodyLength = 4000;

    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(Title) || Title.Trim().Length > MaxTitleLength)
        {
            errors["title"] = [$"A title of 1 to {MaxTitleLength} characters, so agents can find it."];
        }

        if (string.IsNullOrWhiteSpace(Body) || Body.Length > MaxBodyLength)
        {
            errors["body"] = [$"The text of 1 to {MaxBodyLength} characters."];
        }
        else if (CannedResponseTemplate.UnknownPlaceholders(Body) is { Count: > 0 } unknown)
        {
            errors["body"] = [$"Unknown placeholder(s) {string.Join(", ", unknown.Select(u => "{{" + u + "}}"))}; "
                + $"the placeholders are {string.Join(", ", CannedResponseTemplate.Placeholders.Select(p => "{{" + p + "}}"))}."];
        }

        if (Team is not null && (Team.Trim().Length is 0 or > 100))
        {
            errors["team"] = ["A team name of 1 to 100 characters, or leave it out for every team."];
        }

        return errors;
    }
}

public sealed record CannedResponseResponse(Guid Id, string Title, string Body, string? Team, IReadOnlyList<string> Placeholders,
    string UpdatedBy, DateTimeOffset UpdatedAt)
{
    public static CannedResponseResponse From(CannedResponseRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Id, r.Title, r.Body, r.Team,
            [.. CannedResponseTemplate.Placeholders.Where(p => CannedResponseTemplate.Render(r.Body, new PlaceholderValues(null, null, null)).Missing.Contains(p))],
            r.UpdatedBy, r.UpdatedAt);
    }
}

/// <param name="OrderNumber">The order number to use; left out: the one the customer's latest messages name.</param>
public sealed record RenderRequest(Guid? CannedResponseId, string? OrderNumber);

/// <summary>The text for the reply box; <see cref="Missing"/> names the placeholders left in it for the agent to
/// fill in (no customer name known, no order number found).</summary>
public sealed record RenderedResponseResponse(Guid CannedResponseId, string Text, IReadOnlyList<string> Missing);
