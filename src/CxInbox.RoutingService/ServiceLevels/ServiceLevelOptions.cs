using System.ComponentModel.DataAnnotations;
using CxInbox.Routing.ServiceLevels;

namespace CxInbox.RoutingService.ServiceLevels;

/// <summary>First-response targets per channel, and how often the routing role looks for breaches.</summary>
public sealed class ServiceLevelOptions : IValidatableObject
{
    public const string SectionName = "Routing:Sla";

    /// <summary>Per channel key. Defaults: sms and facebook 15 minutes, x-dm 30 minutes, x 1 hour, email 4 hours.</summary>
    public Dictionary<string, TimeSpan> FirstResponse { get; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sms"] = TimeSpan.FromMinutes(15),
        ["facebook"] = TimeSpan.FromMinutes(15),
        ["x-dm"] = TimeSpan.FromMinutes(30),
        ["x"] = TimeSpan.FromHours(1),
        ["email"] = TimeSpan.FromHours(4),
    };

    /// <summary>The target of a channel not listed. Default: 1 hour.</summary>
    public TimeSpan DefaultFirstResponse { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often breaches, and snoozes that have ended, are looked for. Default: 15 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>An agent who has not answered a waiting customer this long after getting the conversation loses it
    /// to another eligible agent with room (if there is one; otherwise they keep it). Default: zero, off.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan ReassignWithoutReplyAfter { get; set; } = TimeSpan.Zero;

    public FirstResponseTargets ToTargets() => new(FirstResponse, DefaultFirstResponse);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (channel, target) in FirstResponse.Where(t => t.Value <= TimeSpan.Zero))
        {
            yield return new ValidationResult($"{SectionName}:FirstResponse:{channel} must be a positive time, not {target}.", [nameof(FirstResponse)]);
        }

        if (DefaultFirstResponse <= TimeSpan.Zero)
        {
            yield return new ValidationResult($"{SectionName}:DefaultFirstResponse must be a positive time.", [nameof(DefaultFirstResponse)]);
        }
    }
}
