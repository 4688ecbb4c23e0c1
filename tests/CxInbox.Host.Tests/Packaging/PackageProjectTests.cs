using System.Xml.Linq;

namespace CxInbox.Host.Tests.Packaging;

/// <summary>
/// The quick half of checking the NuGet packages integrators build on (issue 9): each package project shares the
/// version, licence and README settings and says what it is. Packing them and building adapters from them alone is
/// scripts/check-packages.sh, which <see cref="OutsideTheRepositoryTests"/> runs.
/// </summary>
public sealed class PackageProjectTests
{
    public static IEnumerable<string> PackageProjects() =>
    [
        "src/CxInbox.Contracts/CxInbox.Contracts.csproj",
        "src/CxInbox.Channels.Abstractions/CxInbox.Channels.Abstractions.csproj",
        "src/CxInbox.Channels/CxInbox.Channels.csproj",
        "src/CxInbox.Channels.Testing/CxInbox.Channels.Testing.csproj",
        "templates/CxInbox.Channel.Templates.csproj",
    ];

    [TestCaseSource(nameof(PackageProjects))]
    public void A_package_project_imports_the_shared_package_settings_and_has_a_description_and_a_readme(string project)
    {
        var path = Path.Combine(RepositoryRoot.Path, project);
        var csproj = XDocument.Load(path);

        var imports = csproj.Descendants().Where(e => e.Name.LocalName == "Import")
            .Select(e => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, e.Attribute("Project")!.Value)));
        Assert.That(imports, Does.Contain(Path.Combine(RepositoryRoot.Path, "src", "Packaging.props")));
        Assert.That(csproj.Descendants().Where(e => e.Name.LocalName == "Description").Select(e => e.Value.Trim()), Has.One.Not.Empty);
        Assert.That(File.Exists(Path.Combine(Path.GetDirectoryName(path)!, "README.md")), Is.True, "PackageReadmeFile is README.md next to the project");
    }

    [Test]
    public void The_shared_settings_give_a_version_a_licence_expression_and_the_readme()
    {
        var props = XDocument.Load(Path.Combine(RepositoryRoot.Path, "src", "Packaging.props"));

        string Property(string name) => props.Descendants().Single(e => e.Name.LocalName == name).Value;
        Assert.That(Version.TryParse(Property("Version"), out _), Is.True);
        Assert.That(Property("PackageLicenseExpression"), Is.Not.Empty);
        Assert.That(Property("PackageReadmeFile"), Is.EqualTo("README.md"));
    }
}
