using System.Data.Common;

namespace CxInbox.Data.Storage;

/// <summary>An open connection with its transaction; disposing it rolls back unless committed, then closes.</summary>
public sealed class StoreTransaction(DbConnection connection, DbTransaction transaction) : IAsyncDisposable
{
    public DbConnection Connection { get; } = connection;

    public DbTransaction Transaction { get; } = transaction;

    public Task CommitAsync(CancellationToken cancellationToken) => Transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }
}
