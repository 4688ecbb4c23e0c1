using CxInbox.Data.Agents;
using CxInbox.Data.ApiKeys;
using CxInbox.Data.Audit;
using CxInbox.Data.CannedResponses;
using CxInbox.Data.Conversations;
using CxInbox.Data.Customers;
using CxInbox.Data.DataProtection;
using CxInbox.Data.Mailboxes;
using CxInbox.Data.Migrations;
using CxInbox.Data.Storage;
using CxInbox.Data.Supervision;
using CxInbox.Data.Users;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CxInbox.Data;

public static class ServiceCollectionExtensions
{
    public const string PostgresConnectionStringName = "Postgres";
    public const string DataDirectoryKey = "CxInbox:DataDirectory";

    /// <summary>The store chosen by <c>ConnectionStrings:Postgres</c> (else SQLite under <c>CxInbox:DataDirectory</c>),
    /// its stores, and the migrations applied at start-up.</summary>
    public static IServiceCollection AddCxInboxData(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        DapperTypeHandlers.Register();
        var options = new StoreOptions
        {
            PostgresConnectionString = configuration.GetConnectionString(PostgresConnectionStringName),
            DataDirectory = configuration[DataDirectoryKey] is { Length: > 0 } directory ? directory : "data",
        };
        services.AddSingleton(options);
        services.AddSingleton<Database>();
        services.AddSingleton<MigrationRunner>();
        services.AddHostedService<MigrateOnStartup>();
        services.AddSingleton<AgentStore>();
        services.AddSingleton<CustomerStore>();
        services.AddSingleton<ConversationStore>();
        services.AddSingleton<InboundBatchStore>();
        services.AddSingleton<ReplyStore>();
        services.AddSingleton<ServiceLevelStore>();
        services.AddSingleton<ConsentStore>();
        services.AddSingleton<TagCorrectionStore>();
        services.AddSingleton<AssignmentHistoryStore>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<DashboardStore>();
        services.AddSingleton<MailboxCheckpointStore>();
        services.AddSingleton<UserStore>();
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<DataProtectionKeyStore>();
        services.AddSingleton<CannedResponseStore>();
        services.AddHealthChecks().AddCheck<StoreHealthCheck>("store", tags: ["ready"]);
        return services;
    }
}
