using CxInbox.Host.Roles;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CxInbox.Host.Tests.Deployment;

/// <summary>No Docker engine runs where we build, so docker-compose.yml is kept honest by reading it against the
/// Host's own configuration keys and roles.</summary>
public sealed partial class DockerComposeTests
{
    private static readonly string[] HostServices = ["ingress", "routing", "api"];

    private YamlMappingNode services = null!;

    [OneTimeSetUp]
    public void ReadComposeFile()
    {
        using var reader = new StreamReader(Path.Combine(RepositoryRoot.Path, "docker-compose.yml"));
        var stream = new YamlStream();
        stream.Load(new MergingParser(new Parser(reader)));
        services = (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode)["services"];
    }

    [Test]
    public void Every_variable_set_on_a_Host_container_is_a_configuration_key_the_Host_binds()
    {
        var unknown = HostServices
            .SelectMany(service => Environment(service).Keys.Select(variable => (service, variable)))
            .Where(e => !e.variable.StartsWith("ASPNETCORE_", StringComparison.Ordinal) && !e.variable.StartsWith("DOTNET_", StringComparison.Ordinal))
            .Where(e => !HostConfigurationKeys.All.Contains(ListItem().Replace(e.variable.Replace("__", ":", StringComparison.Ordinal), "")))
            .Select(e => $"{e.service}: {e.variable}")
            .ToList();

        Assert.That(unknown, Is.Empty, "Known keys: " + string.Join(", ", HostConfigurationKeys.All.Order()));
    }

    [Test]
    public void Every_channel_the_Host_binds_can_be_configured_on_its_containers()
    {
        var keys = HostServices.SelectMany(service => Environment(service).Keys)
            .Select(variable => variable.Replace("__", ":", StringComparison.Ordinal))
            .ToHashSet();

        var unconfigurable = HostConfigurationKeys.ChannelSections
            .Where(section => !keys.Any(key => key.StartsWith(section + ":", StringComparison.OrdinalIgnoreCase)))
            .Order();

        Assert.That(unconfigurable, Is.Empty, "Channel sections with no variable in docker-compose.yml");
    }

    [TestCase("ingress", "ConnectionStrings__RabbitMq", "ConnectionStrings__Postgres", "CxInbox__PublicBaseUrl", "Channels__Twilio__AuthToken")]
    [TestCase("routing", "ConnectionStrings__RabbitMq", "ConnectionStrings__Postgres")]
    [TestCase("api", "ConnectionStrings__RabbitMq", "ConnectionStrings__Postgres", "CxInbox__Auth__BootstrapAdminKey")]
    public void Each_role_gets_the_settings_it_cannot_run_without(string service, params string[] required)
    {
        Assert.That(Environment(service).Keys, Is.SupersetOf(required));
    }

    [Test]
    public void The_Host_containers_together_run_every_role_each_in_its_own_process()
    {
        var roles = HostServices.Select(service =>
        {
            var command = ((YamlSequenceNode)Service(service)["command"]).Children.Select(n => n.ToString()).ToList();
            Assert.That(command[0], Is.EqualTo("--role"), service);
            Assert.That(HostRolesParser.TryParse(command[1], out var parsed, out var error), Is.True, error);
            return parsed;
        }).ToList();

        Assert.That(roles.Aggregate(HostRoles.None, (all, r) => all | r), Is.EqualTo(HostRoles.All));
        Assert.That(roles, Is.Unique);
    }

    [Test]
    public void The_Host_image_is_built_from_a_Dockerfile_that_exists()
    {
        foreach (var service in HostServices)
        {
            var build = (YamlMappingNode)Service(service)["build"];
            var dockerfile = Path.Combine(RepositoryRoot.Path, build["context"].ToString(), build["dockerfile"].ToString());
            Assert.That(File.Exists(dockerfile), Is.True, dockerfile);
        }
    }

    // Channels__Twilio__Numbers__0 sets an item of the list Channels:Twilio:Numbers, and
    // Channels__Email__Mailboxes__0__Host the Host of an item of Channels:Email:Mailboxes.
    [System.Text.RegularExpressions.GeneratedRegex(":[0-9]+(?=:|$)")]
    private static partial System.Text.RegularExpressions.Regex ListItem();

    private YamlMappingNode Service(string name) => (YamlMappingNode)services[name];

    private Dictionary<string, string> Environment(string service) =>
        ((YamlMappingNode)Service(service)["environment"]).Children.ToDictionary(p => p.Key.ToString(), p => p.Value.ToString());
}
