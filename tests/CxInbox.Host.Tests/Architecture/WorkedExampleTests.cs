using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace CxInbox.Host.Tests.Architecture;

/// <summary>
/// The worked example (src/CxInbox.Channels.Webhook, issue 9) is built only with the adapter kit: its files are its
/// own project plus the Host's registration, so adding a channel changes nothing in routing, storage, the API or the
/// other channels. Read from the files, not from git, so it holds in any checkout.
/// </summary>
public sealed partial class WorkedExampleTests
{
    private const string Project = "CxInbox.Channels.Webhook";

    // Everything outside the example's own folder that may name it: the Host's ProjectReference, and the registration
    // line with its using directive.
    private static readonly string[] AllowedMentions =
    [
        "src/CxInbox.Host/CxInbox.Host.csproj: <ProjectReference Include=\"../../src/CxInbox.Channels.Webhook/CxInbox.Channels.Webhook.csproj\" />",
        "src/CxInbox.Host/CxInboxHost.cs: channels.AddWebhookChannel(configuration);",
        "src/CxInbox.Host/CxInboxHost.cs: using CxInbox.Channels.Webhook;",
    ];

    [Test]
    public void The_example_references_the_adapter_contract_and_no_package()
    {
        var csproj = XDocument.Load(Path.Combine(RepositoryRoot.Path, "src", Project, Project + ".csproj"));

        var references = csproj.Descendants().Where(e => e.Name.LocalName == "ProjectReference")
            .Select(e => Path.GetFileNameWithoutExtension(e.Attribute("Include")!.Value.Replace('\\', '/')));
        Assert.That(references, Is.EqualTo(new[] { "CxInbox.Channels" }));
        Assert.That(csproj.Descendants().Where(e => e.Name.LocalName is "PackageReference" or "FrameworkReference"), Is.Empty);
    }

    [Test]
    public void Outside_its_own_project_only_the_Host_registration_names_the_example()
    {
        var exampleFolder = Path.Combine(RepositoryRoot.Path, "src", Project) + Path.DirectorySeparatorChar;
        var mentions = SourceFiles()
            .Where(file => !file.StartsWith(exampleFolder, StringComparison.Ordinal))
            .SelectMany(file => File.ReadLines(file)
                .Where(line => Mention().IsMatch(line))
                .Select(line => $"{Path.GetRelativePath(RepositoryRoot.Path, file).Replace('\\', '/')}: {line.Trim()}"))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.That(mentions, Is.EqualTo(AllowedMentions.Order(StringComparer.Ordinal)));
    }

    // Every file under src/ but build output.
    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "src"), "*", SearchOption.AllDirectories)
            .Where(file => !file.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"));

    // The namespace or project (not CxInbox.Channels.Webhooks, the contract's own namespace) or its registration method.
    [GeneratedRegex(@"CxInbox\.Channels\.Webhook\b|AddWebhookChannel")]
    private static partial Regex Mention();
}
