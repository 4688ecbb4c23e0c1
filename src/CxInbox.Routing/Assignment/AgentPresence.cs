namespace CxInbox.Routing.Assignment;

public enum AgentPresence
{
    Offline,
    Away,
    Online,
}

public static class AgentPresenceNames
{
    public static bool TryParse(string? text, out AgentPresence presence)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "online": presence = AgentPresence.Online; return true;
            case "away": presence = AgentPresence.Away; return true;
            case "offline": presence = AgentPresence.Offline; return true;
            default: presence = default; return false;
        }
    }

    public static string ToName(this AgentPresence presence) => presence switch
    {
        AgentPresence.Online => "online",
        AgentPresence.Away => "away",
        _ => "offline",
    };
}
