using CxInbox.Data.Storage;
using Dapper;

namespace CxInbox.Data.Customers;

/// <summary>Every SQL statement that touches <c>customers</c> and <c>customer_identities</c>.</summary>
public sealed class CustomerStore
{
    private const string SelectByIdentity = "SELECT customer_id FROM customer_identities WHERE channel = @channel AND address = @address";

    private const string InsertCustomer = "INSERT INTO customers (id, display_name, created_at) VALUES (@id, @displayName, @now)";

    // A concurrent router may have linked the address first; then its customer wins and ours is left unused.
    private const string InsertIdentity = """
        INSERT INTO customer_identities (channel, address, customer_id, created_at)
        VALUES (@channel, @address, @customerId, @now)
        ON CONFLICT (channel, address) DO NOTHING
        """;

    private const string FillMissingName = "UPDATE customers SET display_name = @displayName WHERE id = @id AND display_name IS NULL";

    /// <summary>The customer who writes from this address, created on first contact.</summary>
    public async Task<Guid> ResolveAsync(StoreTransaction tx, string channel, string address, string? displayName, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tx);
        var existing = await tx.Connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(SelectByIdentity,
            new { channel, address }, tx.Transaction, cancellationToken: cancellationToken));
        if (existing is { } id)
        {
            if (displayName is not null)
            {
                await tx.Connection.ExecuteAsync(new CommandDefinition(FillMissingName, new { id, displayName }, tx.Transaction, cancellationToken: cancellationToken));
            }

            return id;
        }

        var newId = Guid.CreateVersion7(now);
        await tx.Connection.ExecuteAsync(new CommandDefinition(InsertCustomer, new { id = newId, displayName, now }, tx.Transaction, cancellationToken: cancellationToken));
        await tx.Connection.ExecuteAsync(new CommandDefinition(InsertIdentity, new { channel, address, customerId = newId, now }, tx.Transaction, cancellationToken: cancellationToken));
        return await tx.Connection.QuerySingleAsync<Guid>(new CommandDefinition(SelectByIdentity, new { channel, address }, tx.Transaction, cancellationToken: cancellationToken));
    }
}
