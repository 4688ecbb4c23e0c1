using System.Xml.Linq;

namespace CxInbox.Host.Tests.Templates;

/// <summary>
/// The quick half of checking templates/cxinbox-channel: what a renamed project or a bumped package would silently
/// break. Generating, building and running the generated tests is scripts/check-channel-template.sh (minutes on
/// this machine, so not part of the suite).
/// </summary>
public sealed class ChannelTemplateTests
{
    private static string TemplateRoot => Path.Combine(RepositoryRoot.Path, "templates", "cxinbox-channel");

    public static IEnumerable<string> TemplateProjects() =>
        Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "templates", "cxinbox-channel"), "*.csproj", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(Path.Combine(RepositoryRoot.Path, "templates", "cxinbox-channel"), path))
            .Order(StringComparer.Ordinal);

    [TestCaseSource(nameof(TemplateProjects))]
    public void Every_repository_project_a_generated_project_references_exists(string project)
    {
        var references = XDocument.Load(Path.Combine(TemplateRoot, project)).Descendants()
            .Where(e => e.Name.LocalName == "ProjectReference")
            .Select(e => e.Attribute("Include")!.Value)
            .Where(include => include.StartsWith("$(CxInboxRoot)/", StringComparison.Ordinal))
            .Select(include => include["$(CxInboxRoot)/".Length..])
            .ToList();

        Assert.That(references, Is.Not.Empty, "a generated project builds against the repository's projects");
        Assert.That(references.Where(path => !File.Exists(Path.Combine(RepositoryRoot.Path, path))), Is.Empty,
            "projects the template references that the repository no longer has");
    }

    [Test]
    public void A_project_generated_outside_the_repository_gets_the_repositorys_package_versions()
    {
        // CxInbox's own packages are pinned to the version the template is generated with (--CxInboxPackageVersion).
        var standalone = PackageVersions(Path.Combine(TemplateRoot, "Directory.Packages.props"))
            .Where(p => !p.Package.StartsWith("CxInbox.", StringComparison.Ordinal))
            .ToList();
        var repository = PackageVersions(Path.Combine(RepositoryRoot.Path, "Directory.Packages.props"));

        Assert.That(standalone, Is.SubsetOf(repository), "templates/cxinbox-channel/Directory.Packages.props must follow the repository's");
    }

    private static List<(string Package, string Version)> PackageVersions(string propsPath) =>
        [.. XDocument.Load(propsPath).Descendants()
            .Where(e => e.Name.LocalName == "PackageVersion")
            .Select(e => (e.Attribute("Include")!.Value, e.Attribute("Version")!.Value))];
}
