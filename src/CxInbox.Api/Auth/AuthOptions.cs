using System.ComponentModel.DataAnnotations;

namespace CxInbox.Api.Auth;

/// <summary>The <c>CxInbox:Auth</c> section. A class, not a record: a record's ToString would print the key.</summary>
public sealed class AuthOptions
{
    public const string SectionName = "CxInbox:Auth";

    /// <summary>When set, <c>Authorization: Bearer &lt;key&gt;</c> is an administrator of the API: enough to create
    /// the first users and keys. Default: empty, which leaves the API closed (401) until users and keys exist.</summary>
    public string BootstrapAdminKey { get; set; } = "";

    /// <summary>How long a session cookie lasts without use; each request renews it. Default: 8 hours.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Failed sign-ins allowed per client address and username within <see cref="SignInWindow"/>; the next
    /// attempt gets 429 with Retry-After. Default: 10.</summary>
    [Range(1, 10_000)]
    public int SignInPermitLimit { get; set; } = 10;

    /// <summary>The fixed window of <see cref="SignInPermitLimit"/>. Default: 1 minute.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SignInWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The password of the demo users created with the demo agents (CxInbox:SeedDemoAgents). Default: empty,
    /// which seeds no users: no password is built in.</summary>
    public string DemoUserPassword { get; set; } = "";
}
