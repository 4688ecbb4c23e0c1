namespace CxInbox.Classification.Text;

/// <summary>A phrase found in a message: which groups list it and which tokens it covers.</summary>
internal readonly record struct CueMatch(int[] Groups, int FirstToken, int LastToken);

/// <summary>A trie over token sequences: one pass over the message finds every listed phrase, leftmost-longest, so
/// "cancel my order" wins over "order" and "not bad" over "bad". A <c>#</c> in a phrase matches any number.</summary>
internal sealed class CueMatcher
{
    public const string NumberWildcard = "#";

    // Code-switched chat writes the Indonesian enclitic apart from an English word ("Driver nya cancel", "invoice-nya
    // jadi", "QR code nya mana"); it belongs to the word before it, so inside a phrase it is skipped unless the phrase
    // itself lists it ("ac nya").
    private const string DetachedEnclitic = "nya";

    private readonly Node root = new();

    public void Add(string[] phrase, int group)
    {
        var node = root;
        foreach (var token in phrase)
        {
            if (token == NumberWildcard)
            {
                node = node.Number ??= new Node();
            }
            else
            {
                node.Children ??= new Dictionary<string, Node>(StringComparer.Ordinal);
                if (!node.Children.TryGetValue(token, out var next))
                {
                    next = new Node();
                    node.Children[token] = next;
                }

                node = next;
            }
        }

        if (!node.GroupList.Contains(group))
        {
            node.GroupList.Add(group);
        }
    }

    public void Seal() => Seal(root);

    public void Match(List<Token> tokens, List<CueMatch> matches)
    {
        var i = 0;
        while (i < tokens.Count)
        {
            var node = root;
            Node? best = null;
            var bestEnd = -1;
            for (var j = i; j < tokens.Count; j++)
            {
                var token = tokens[j];
                Node? next = null;
                if (node.Children is not null && node.Children.TryGetValue(token.Text, out var child))
                {
                    next = child;
                }
                else if (token.Kind == TokenKind.Number && node.Number is not null)
                {
                    next = node.Number;
                }

                if (next is null)
                {
                    if (j > i && token.Kind == TokenKind.Word && token.Text == DetachedEnclitic)
                    {
                        continue;
                    }

                    break;
                }

                node = next;
                if (node.Groups.Length > 0)
                {
                    best = node;
                    bestEnd = j;
                }
            }

            if (best is null)
            {
                i++;
            }
            else
            {
                matches.Add(new CueMatch(best.Groups, i, bestEnd));
                i = bestEnd + 1;
            }
        }
    }

    private static void Seal(Node node)
    {
        node.Groups = [.. node.GroupList];
        node.GroupList.Clear();
        if (node.Children is not null)
        {
            foreach (var child in node.Children.Values)
            {
                Seal(child);
            }
        }

        if (node.Number is not null)
        {
            Seal(node.Number);
        }
    }

    private sealed class Node
    {
        public Dictionary<string, Node>? Children;
        public Node? Number;
        public List<int> GroupList = [];
        public int[] Groups = [];
    }
}
