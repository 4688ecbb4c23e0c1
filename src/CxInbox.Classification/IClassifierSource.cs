namespace CxInbox.Classification;

/// <summary>Hands out the classifier in force. A deployment's lexicon file can be replaced while the Host runs; the
/// source swaps the classifier atomically, so callers take <see cref="Current"/> once per message.</summary>
public interface IClassifierSource
{
    MessageClassifier Current { get; }
}
