namespace CxInbox.Data.Storage;

/// <summary>Where the data lives. Not bound from one section: the keys are fixed public names.</summary>
public sealed class StoreOptions
{
    /// <summary><c>ConnectionStrings:Postgres</c>: an Npgsql connection string. When empty, the embedded SQLite
    /// store is used.</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary><c>CxInbox:DataDirectory</c>: folder of the embedded SQLite file. Default: <c>./data</c>.</summary>
    public string DataDirectory { get; set; } = "data";
}
