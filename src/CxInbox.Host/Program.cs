using CxInbox.Host;
using CxInbox.Host.Demo;
using CxInbox.Host.Roles;
using CxInbox.Host.Startup;

args = DemoOptions.ReadFlag(args);
var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddCommandLine(args, new Dictionary<string, string> { ["--role"] = "CxInbox:Roles" });

if (!HostRolesParser.TryParse(builder.Configuration["CxInbox:Roles"], out var roles, out var roleError))
{
    await Console.Error.WriteLineAsync(roleError);
    return 2;
}

builder.Services.AddCxInboxDemo(builder.Configuration);
builder.Services.AddCxInbox(builder.Configuration, roles);
builder.Services.AddHostedService<StartupBanner>();

var app = builder.Build();
app.MapCxInbox(roles);
await app.RunAsync();
return 0;

/// <summary>Visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
