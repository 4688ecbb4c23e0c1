using System.Xml.Linq;

namespace CxInbox.Host.Tests.Architecture;

/// <summary>References point inward, toward Contracts and the pure projects (STYLE.md §1). Reading the .csproj
/// files keeps the graph from drifting one convenient reference at a time.</summary>
public sealed class ProjectReferenceTests
{
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["CxInbox.Contracts"] = [],
        ["CxInbox.Classification"] = ["CxInbox.Contracts"],
        ["CxInbox.Routing"] = ["CxInbox.Contracts"],
        ["CxInbox.Channels.Abstractions"] = ["CxInbox.Contracts"],
        ["CxInbox.Channels"] = ["CxInbox.Contracts", "CxInbox.Channels.Abstractions"],
        ["CxInbox.Data"] = ["CxInbox.Contracts", "CxInbox.Routing"],
        ["CxInbox.RoutingService"] = ["CxInbox.Contracts", "CxInbox.Classification", "CxInbox.Routing", "CxInbox.Data"],
        ["CxInbox.Api"] = ["CxInbox.Contracts", "CxInbox.Channels", "CxInbox.Classification", "CxInbox.Routing", "CxInbox.Data"],
        ["CxInbox.Web"] = ["CxInbox.Contracts", "CxInbox.Channels", "CxInbox.Classification", "CxInbox.Routing", "CxInbox.Data"],
        ["CxInbox.Simulation"] = ["CxInbox.Channels", "CxInbox.Channels.Twilio", "CxInbox.Channels.Facebook", "CxInbox.Channels.X", "CxInbox.Channels.Email"],
        ["CxInbox.Cli"] = ["CxInbox.Classification", "CxInbox.Simulation"],
    };

    // The pure core decides; it does no I/O, so it needs no package at all. The adapter contract is data and interfaces
    // an integrator builds on without our bus or HTTP stack (issue 9).
    private static readonly string[] PureCore = ["CxInbox.Contracts", "CxInbox.Classification", "CxInbox.Routing", "CxInbox.Channels.Abstractions"];

    public static IEnumerable<string> SourceProjects() =>
        Directory.GetDirectories(Path.Combine(RepositoryRoot.Path, "src")).Select(Path.GetFileName).Order()!;

    [TestCaseSource(nameof(SourceProjects))]
    public void A_project_references_only_what_the_layering_allows(string project)
    {
        var references = ProjectReferences(project);

        if (project.StartsWith("CxInbox.Channels.", StringComparison.Ordinal) && !Allowed.ContainsKey(project))
        {
            Assert.That(references, Is.EqualTo(new[] { "CxInbox.Channels" }), "A channel adapter depends on the adapter contract only.");
        }
        else if (project == "CxInbox.Host")
        {
            Assert.Pass("The Host may reference everything.");
        }
        else
        {
            Assert.That(Allowed.ContainsKey(project), Is.True, $"{project} is not in the layering table; add it there and to STYLE.md's.");
            Assert.That(references, Is.SubsetOf(Allowed[project]));
        }
    }

    [Test]
    public void Nothing_references_the_Host()
    {
        var referencing = SourceProjects().Where(p => ProjectReferences(p).Contains("CxInbox.Host")).ToList();

        Assert.That(referencing, Is.Empty);
    }

    public static IEnumerable<string> PureCoreProjects() => SourceProjects().Intersect(PureCore);

    [TestCaseSource(nameof(PureCoreProjects))]
    public void The_pure_core_uses_no_packages(string project)
    {
        var csproj = XDocument.Load(CsprojPath(project));

        Assert.That(csproj.Descendants().Where(e => e.Name.LocalName is "PackageReference" or "FrameworkReference"), Is.Empty);
    }

    private static string CsprojPath(string project) => Path.Combine(RepositoryRoot.Path, "src", project, project + ".csproj");

    private static List<string> ProjectReferences(string project) =>
        File.Exists(CsprojPath(project))
            ? XDocument.Load(CsprojPath(project)).Descendants()
                .Where(e => e.Name.LocalName == "ProjectReference")
                .Select(e => Path.GetFileNameWithoutExtension(e.Attribute("Include")!.Value.Replace('\\', '/')))
                .ToList()
            : [];
}
