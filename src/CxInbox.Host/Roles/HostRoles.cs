namespace CxInbox.Host.Roles;

/// <summary>What one Host process runs. All of them by default; one or a few per process in a larger deployment.</summary>
[Flags]
public enum HostRoles
{
    None = 0,

    /// <summary>Provider webhooks and pollers: verify, normalise, publish.</summary>
    Ingress = 1,

    /// <summary>The bus consumers that store, thread and assign conversations.</summary>
    Routing = 2,

    /// <summary>The HTTP API for agents, supervisors and integrators.</summary>
    Api = 4,

    All = Ingress | Routing | Api,
}

public static class HostRolesParser
{
    public static bool TryParse(string? text, out HostRoles roles, out string? error)
    {
        roles = HostRoles.None;
        error = null;
        foreach (var name in (string.IsNullOrWhiteSpace(text) ? "all" : text).Split([',', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            switch (name.ToLowerInvariant())
            {
                case "all": roles |= HostRoles.All; break;
                case "ingress": roles |= HostRoles.Ingress; break;
                case "routing": roles |= HostRoles.Routing; break;
                case "api": roles |= HostRoles.Api; break;
                default:
                    error = $"Unknown role '{name}' in --role / CxInbox:Roles: use all, ingress, routing or api (comma-separated).";
                    return false;
            }
        }

        return true;
    }

    public static string Describe(this HostRoles roles) =>
        roles == HostRoles.All ? "all (ingress, routing, api)" : roles.ToString().ToLowerInvariant();
}

/// <summary>The roles this process was started with, for whoever needs to know after start-up.</summary>
public sealed record RunningRoles(HostRoles Roles);
