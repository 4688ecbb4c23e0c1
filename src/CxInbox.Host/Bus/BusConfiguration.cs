using CxInbox.Api.Admin;
using CxInbox.Channels;
using CxInbox.Host.Roles;
using CxInbox.RoutingService;
using CxInbox.Web;
using MassTransit;

namespace CxInbox.Host.Bus;

public static class BusConfiguration
{
    public const string RabbitMqConnectionStringName = "RabbitMq";

    private static readonly KebabCaseEndpointNameFormatter EndpointNames = new("cxinbox", false);

    /// <summary>RabbitMQ when <c>ConnectionStrings:RabbitMq</c> is set; otherwise the in-memory bus, which only
    /// connects roles running in this same process.</summary>
    public static IServiceCollection AddCxInboxBus(this IServiceCollection services, IConfiguration configuration, HostRoles roles)
    {
        var rabbitMq = configuration.GetConnectionString(RabbitMqConnectionStringName);
        if (string.IsNullOrWhiteSpace(rabbitMq) && roles != HostRoles.All)
        {
            throw new InvalidOperationException(
                $"Running only the {roles.Describe()} role(s) needs ConnectionStrings:RabbitMq: the in-memory bus cannot reach other processes.");
        }

        services.AddSingleton<IDeadLetters>(string.IsNullOrWhiteSpace(rabbitMq)
            ? new NoDeadLetters()
            : new RabbitMqDeadLetters(ParseAmqpUri(rabbitMq), InputQueues()));
        services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(EndpointNames);
            if (roles.HasFlag(HostRoles.Routing))
            {
                bus.AddRoutingConsumers();
            }

            if (roles.HasFlag(HostRoles.Ingress))
            {
                bus.AddChannelConsumers(StoreRetry.Configure);
            }

            if (roles.HasFlag(HostRoles.Api))
            {
                bus.AddInboxBridge();
            }

            if (string.IsNullOrWhiteSpace(rabbitMq))
            {
                bus.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
            }
            else
            {
                var address = ParseAmqpUri(rabbitMq);
                bus.UsingRabbitMq((context, cfg) =>
                {
                    cfg.Host(address.Host, address.Port, address.VirtualHost, address.ConnectionName, h =>
                    {
                        h.Username(address.Username);
                        h.Password(address.Password);
                        if (address.UseTls)
                        {
                            h.UseSsl(s => s.ServerName = address.Host);
                        }
                    });
                    cfg.ConfigureEndpoints(context);
                });
            }
        });

        // Start-up waits for the broker, so a process that is up can publish, and a broker that is down stops it
        // with a clear error instead of failing the first webhook. How it stops: GracefulShutdown.
        services.AddOptions<MassTransitHostOptions>().Configure(o =>
        {
            o.WaitUntilStarted = true;
            o.StartTimeout = TimeSpan.FromSeconds(60);
        });
        return services;
    }

    /// <summary>Every role's input queue, whichever roles this process runs: the api role administers them all.</summary>
    internal static IReadOnlyList<string> InputQueues() =>
        [.. RoutingService.ServiceCollectionExtensions.RoutingConsumerTypes.Concat(BusRegistrationExtensions.ChannelConsumerTypes)
            .Select(consumer => (string)typeof(IEndpointNameFormatter).GetMethod(nameof(IEndpointNameFormatter.Consumer))!
                .MakeGenericMethod(consumer).Invoke(EndpointNames, null)!)];

    public static string Describe(IConfiguration configuration) =>
        configuration.GetConnectionString(RabbitMqConnectionStringName) is { Length: > 0 } uri
            ? $"RabbitMQ at {ParseAmqpUri(uri).Host}"
            : "in-memory (single process)";

    internal sealed record AmqpAddress(string Host, ushort Port, string VirtualHost, string Username, string Password, bool UseTls, string ConnectionName);

    internal static AmqpAddress ParseAmqpUri(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps"))
        {
            throw new InvalidOperationException("ConnectionStrings:RabbitMq must be an amqp:// or amqps:// URI, e.g. amqp://user:password@localhost:5672/");
        }

        var userInfo = uri.UserInfo.Split(':', 2);
        var tls = uri.Scheme == "amqps";
        var path = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        return new AmqpAddress(
            uri.Host,
            (ushort)(uri.IsDefaultPort || uri.Port < 0 ? (tls ? 5671 : 5672) : uri.Port),
            path.Length == 0 ? "/" : path,
            userInfo[0].Length > 0 ? Uri.UnescapeDataString(userInfo[0]) : "guest",
            userInfo.Length > 1 ? Uri.UnescapeDataString(userInfo[1]) : "guest",
            tls,
            "cxinbox");
    }
}
