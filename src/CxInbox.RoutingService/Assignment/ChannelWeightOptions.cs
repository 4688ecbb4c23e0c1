using System.ComponentModel.DataAnnotations;
using CxInbox.Routing.Assignment;

namespace CxInbox.RoutingService.Assignment;

/// <summary>The <c>Routing:ChannelWeights</c> section: how much of an agent's capacity a conversation of each channel
/// takes, by channel key (<c>Routing:ChannelWeights:email = 0.5</c>). Default: 1 for every channel.</summary>
public sealed class ChannelWeightOptions : IValidatableObject
{
    public const string SectionName = "Routing:ChannelWeights";

    /// <summary>Per channel key, between 0.01 and 1 in hundredths. A channel not listed weighs 1.</summary>
    public Dictionary<string, decimal> PerChannel { get; } = new(StringComparer.OrdinalIgnoreCase);

    public ChannelWeights ToWeights() => new(PerChannel);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (channel, weight) in PerChannel)
        {
            if (ChannelWeights.Problem(weight) is { } problem)
            {
                yield return new ValidationResult($"{SectionName}:{channel} {problem}.", [nameof(PerChannel)]);
            }
        }
    }
}
