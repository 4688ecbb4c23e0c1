namespace CxInbox.Classification.Text;

/// <summary>A cue group present in a message: +1 when a phrase of it was found, -1 when only negated ones were
/// ("no complaints"), 0 when switched off (praise read as sarcasm). The span is the first phrase that set the value.</summary>
internal struct ActiveCue(int group, double value, int start, int length)
{
    public int Group = group;
    public double Value = value;
    public int Start = start;
    public int Length = length;
}

/// <summary>What the classifier reads from one message before any weight is applied.</summary>
internal sealed class MessageFeatures(List<ActiveCue> cues, string language, int wordCount)
{
    public List<ActiveCue> Cues { get; } = cues;

    public string Language { get; } = language;

    public int WordCount { get; } = wordCount;
}
