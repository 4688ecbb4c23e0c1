namespace CxInbox.Routing.Threading;

/// <summary>
/// Which waiting messages the next batch takes: the oldest first, never two with a key in common (a customer
/// address, a link key), none with a key a running batch holds, and none behind a message left waiting that shares a
/// key with it, so that one customer's messages are stored in the order they arrived.
/// </summary>
public static class BatchSelection
{
    /// <summary>Moves the batch from <paramref name="waiting"/> into the result and its keys into
    /// <paramref name="busyKeys"/>.</summary>
    public static List<T> Take<T>(List<T> waiting, Func<T, IReadOnlyList<string>> keysOf, ISet<string> busyKeys, int max)
    {
        ArgumentNullException.ThrowIfNull(waiting);
        ArgumentNullException.ThrowIfNull(keysOf);
        ArgumentNullException.ThrowIfNull(busyKeys);
        var taken = new List<T>();
        var heldBack = new HashSet<string>(StringComparer.Ordinal);
        var left = new List<T>();
        foreach (var item in waiting)
        {
            var keys = keysOf(item);
            if (taken.Count < max && !keys.Any(k => busyKeys.Contains(k) || heldBack.Contains(k)))
            {
                taken.Add(item);
                busyKeys.UnionWith(keys);
            }
            else
            {
                left.Add(item);
                heldBack.UnionWith(keys);
            }
        }

        waiting.Clear();
        waiting.AddRange(left);
        return taken;
    }
}
