namespace CxInbox.Host.Classification;

/// <summary>The <c>Classification</c> section.</summary>
public sealed class ClassificationOptions
{
    public const string SectionName = "Classification";

    /// <summary>A lexicon file that replaces the shipped one (format: docs/classification.md). It is validated at
    /// start-up (an invalid file stops the start, naming each problem) and reloaded when it changes (an invalid edit
    /// is logged and the previous lexicon stays). Default: empty, the shipped lexicon.</summary>
    public string? LexiconPath { get; set; }
}
