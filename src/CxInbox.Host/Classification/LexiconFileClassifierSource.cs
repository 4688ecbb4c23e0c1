using CxInbox.Classification;
using CxInbox.Classification.Lexicons;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace CxInbox.Host.Classification;

/// <summary>
/// The classifier of the deployment's lexicon file (<c>Classification:LexiconPath</c>), or the shipped one. Watches
/// the file and swaps in a new classifier when an edit is valid, without a restart; keeps the old one otherwise.
/// </summary>
internal sealed class LexiconFileClassifierSource : IClassifierSource, IDisposable
{
    private readonly ILogger<LexiconFileClassifierSource> logger;
    private readonly string? path;
    private readonly PhysicalFileProvider? files;
    private readonly IDisposable? watch;
    private MessageClassifier current;

    public LexiconFileClassifierSource(IOptions<ClassificationOptions> options, IHostEnvironment environment, ILogger<LexiconFileClassifierSource> logger)
    {
        this.logger = logger;
        if (string.IsNullOrWhiteSpace(options.Value.LexiconPath))
        {
            current = MessageClassifier.Default;
            return;
        }

        path = Path.GetFullPath(options.Value.LexiconPath, environment.ContentRootPath);
        var initial = Load(path);
        current = initial.Lexicon is { } lexicon
            ? new MessageClassifier(lexicon)
            : throw new InvalidOperationException($"Classification:LexiconPath {path} is not a valid lexicon:{Environment.NewLine}"
                + string.Join(Environment.NewLine, initial.Errors));
        files = new PhysicalFileProvider(Path.GetDirectoryName(path)!) { UsePollingFileWatcher = true, UseActivePolling = true };
        watch = ChangeToken.OnChange(() => files.Watch(Path.GetFileName(path)), Reload);
    }

    public MessageClassifier Current => Volatile.Read(ref current);

    public void Dispose()
    {
        watch?.Dispose();
        files?.Dispose();
    }

    private void Reload()
    {
        var result = Load(path!);
        if (result.Lexicon is null)
        {
            logger.LogError("The edited lexicon {Path} is not valid; keeping the previous one. {Errors}", path, string.Join("; ", result.Errors));
            return;
        }

        Volatile.Write(ref current, new MessageClassifier(result.Lexicon));
        logger.LogInformation("Reloaded the lexicon from {Path}", path);
    }

    private static LexiconParseResult Load(string file)
    {
        try
        {
            return LexiconParser.Parse(File.ReadAllText(file));
        }
        catch (IOException e)
        {
            return new LexiconParseResult(null, [new LexiconError(file, e.Message)]);
        }
    }
}
