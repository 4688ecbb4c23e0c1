using CxInbox.Routing.Assignment;
using CxInbox.Routing.Rebalancing;
using FsCheck;
using FsCheck.Fluent;
using PropertyAttribute = FsCheck.NUnit.PropertyAttribute;

namespace CxInbox.Routing.Tests.Rebalancing;

public class RebalancePlannerTests
{
    private const string Service = "service";
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Guard = TimeSpan.FromMinutes(5);

    [Test]
    public void Moves_work_from_the_busiest_agent_to_the_idle_one_until_they_differ_by_at_most_one()
    {
        var ann = Agent("Ann", open: 5);
        var bob = Agent("Bob", open: 0);
        var held = Held(ann, 5);

        var plan = RebalancePlanner.Plan([ann, bob], held, Service, Now, Guard);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(plan.Moves, Has.Count.EqualTo(2));
            Assert.That(plan.Moves.Select(m => m.ToAgentId), Is.All.EqualTo(bob.Id));
            Assert.That(plan.LoadAfter[ann.Id], Is.EqualTo(3));
            Assert.That(plan.LoadAfter[bob.Id], Is.EqualTo(2));
        }
    }

    [Test]
    public void A_conversation_answered_within_the_guard_stays_with_its_agent()
    {
        var ann = Agent("Ann", open: 2);
        var bob = Agent("Bob", open: 0);
        HeldConversation[] held =
        [
            new(Guid.NewGuid(), ann.Id, Service, Now.AddMinutes(-1)),
            new(Guid.NewGuid(), ann.Id, Service, Now.AddMinutes(-2)),
        ];

        var plan = RebalancePlanner.Plan([ann, bob], held, Service, Now, Guard);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(plan.Moves, Is.Empty);
            Assert.That(plan.KeptByGuard, Is.EqualTo(2));
        }
    }

    [Test]
    public void The_least_recently_answered_conversation_moves_first()
    {
        var ann = Agent("Ann", open: 3);
        var bob = Agent("Bob", open: 1);
        HeldConversation stale = new(Guid.NewGuid(), ann.Id, Service, Now.AddHours(-3));
        HeldConversation[] held = [new(Guid.NewGuid(), ann.Id, Service, Now.AddMinutes(-30)), stale, new(Guid.NewGuid(), ann.Id, Service, Now.AddHours(-1))];

        var plan = RebalancePlanner.Plan([ann, bob], held, Service, Now, Guard);

        Assert.That(plan.Moves.Single().ConversationId, Is.EqualTo(stale.Id));
    }

    [Test]
    public void A_full_agent_takes_nothing_even_when_lightest()
    {
        var ann = Agent("Ann", open: 4);
        var bob = Agent("Bob", open: 1, capacity: 1);
        var cat = Agent("Cat", open: 2, capacity: 3);

        var plan = RebalancePlanner.Plan([ann, bob, cat], [.. Held(ann, 4), .. Held(bob, 1), .. Held(cat, 2)], Service, Now, Guard);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(plan.Moves.Select(m => m.ToAgentId), Is.All.EqualTo(cat.Id));
            Assert.That(plan.LoadAfter[cat.Id], Is.EqualTo(3));
            Assert.That(plan.LoadAfter[bob.Id], Is.EqualTo(1));
        }
    }

    [Test]
    public void Away_offline_and_other_teams_agents_neither_give_nor_take()
    {
        var ann = Agent("Ann", open: 4);
        var away = Agent("Away", AgentPresence.Away, open: 6);
        var offline = Agent("Off", AgentPresence.Offline, open: 0);
        var sales = Agent("Sal", open: 0, teams: ["sales"]);

        var plan = RebalancePlanner.Plan([ann, away, offline, sales], [.. Held(ann, 4), .. Held(away, 6)], Service, Now, Guard);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(plan.Moves, Is.Empty);
            Assert.That(plan.LoadBefore.Keys, Is.EquivalentTo(new[] { ann.Id }));
        }
    }

    [Test]
    public void A_conversation_of_another_team_only_goes_to_an_agent_of_that_team()
    {
        var both = Agent("Both", open: 4, teams: [Service, "sales"]);
        var serviceOnly = Agent("Svc", open: 0, teams: [Service]);
        HeldConversation[] held = [.. Enumerable.Range(0, 4).Select(_ => new HeldConversation(Guid.NewGuid(), both.Id, "sales", null))];

        var plan = RebalancePlanner.Plan([both, serviceOnly], held, Service, Now, Guard);

        Assert.That(plan.Moves, Is.Empty);
    }

    [Test]
    public void The_reason_names_both_agents_and_their_loads()
    {
        var ann = Agent("Ann", open: 3);
        var bob = Agent("Bob", open: 0);

        var plan = RebalancePlanner.Plan([ann, bob], Held(ann, 3), Service, Now, Guard);

        Assert.That(plan.Moves[0].Reason, Is.EqualTo("rebalance of service: Ann held 3/10, Bob held 0/10"));
    }

    [Test]
    public void Weighted_loads_even_out_by_weight_not_by_count()
    {
        var ann = Agent("Ann", open: 4) with { Load = 2m };
        var bob = Agent("Bob", open: 0);
        HeldConversation[] emails = [.. Enumerable.Range(0, 4).Select(_ => new HeldConversation(Guid.NewGuid(), ann.Id, Service, null, Weight: 0.5m))];

        var plan = RebalancePlanner.Plan([ann, bob], emails, Service, Now, Guard);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(plan.Moves, Has.Count.EqualTo(2), "four e-mails of 0.5 are two slots: two of them even it out");
            Assert.That(plan.LoadAfter[ann.Id], Is.EqualTo(1m));
            Assert.That(plan.LoadAfter[bob.Id], Is.EqualTo(1m));
        }
    }

    [Test]
    public void A_chat_does_not_move_when_it_would_only_swap_who_is_heavier()
    {
        var ann = Agent("Ann", open: 2, capacity: 3) with { Load = 1.5m };
        var bob = Agent("Bob", open: 1, capacity: 3) with { Load = 0.5m };
        // The chat comes first in Ann's list (ids order conversations answered equally long ago), so it is considered first.
        HeldConversation[] held =
        [
            new(new Guid(1, 0, 0, new byte[8]), ann.Id, Service, null, Weight: 1m),
            new(new Guid(2, 0, 0, new byte[8]), ann.Id, Service, null, Weight: 0.5m),
        ];

        var plan = RebalancePlanner.Plan([ann, bob], held, Service, Now, Guard);

        Assert.That(plan.Moves.Select(m => m.ConversationId), Is.EqualTo(new[] { held[1].Id }), "the e-mail evens them at 1 and 1; the chat would leave 0.5 and 1.5");
    }

    [Property]
    public Property A_move_only_ever_goes_to_an_online_team_member_with_room_for_the_conversations_team() =>
        Prop.ForAll(Situations, s => Replay(s, RebalancePlanner.Plan(s.Agents, s.Held, Service, Now, Guard)).EveryMoveFits);

    [Property]
    public Property Conversations_answered_within_the_guard_never_move() =>
        Prop.ForAll(Situations, s =>
        {
            var recent = s.Held.Where(c => c.LastAgentReplyAt is { } r && Now - r < Guard).Select(c => c.Id).ToHashSet();
            return RebalancePlanner.Plan(s.Agents, s.Held, Service, Now, Guard).Moves.All(m => !recent.Contains(m.ConversationId));
        });

    [Property]
    public Property No_conversation_moves_twice_or_is_lost_and_the_loads_add_up() =>
        Prop.ForAll(Situations, s =>
        {
            var plan = RebalancePlanner.Plan(s.Agents, s.Held, Service, Now, Guard);
            var replay = Replay(s, plan);
            return plan.Moves.Select(m => m.ConversationId).Distinct().Count() == plan.Moves.Count
                && replay.HolderWasRight
                && plan.LoadAfter.Values.Sum() == plan.LoadBefore.Values.Sum()
                && plan.LoadAfter.All(l => l.Value == replay.Load[l.Key]);
        });

    [Property]
    public Property No_allowed_move_would_even_the_team_further() =>
        Prop.ForAll(Situations, s =>
        {
            var plan = RebalancePlanner.Plan(s.Agents, s.Held, Service, Now, Guard);
            var moved = plan.Moves.Select(m => m.ConversationId).ToHashSet();
            var members = s.Agents.Where(a => plan.LoadAfter.ContainsKey(a.Id)).ToList();
            return !s.Held.Any(c => plan.LoadAfter.ContainsKey(c.AgentId) && !moved.Contains(c.Id)
                && (c.LastAgentReplyAt is not { } r || Now - r >= Guard)
                && members.Any(to => to.Id != c.AgentId && plan.LoadAfter[to.Id] + c.Weight < plan.LoadAfter[c.AgentId]
                    && plan.LoadAfter[to.Id] + c.Weight <= to.Capacity && to.WorksFor(c.Team)));
        });

    [Property]
    public Property When_every_conversation_may_move_and_capacity_allows_the_spread_is_at_most_one() =>
        Prop.ForAll(OpenTeams, s =>
        {
            var after = RebalancePlanner.Plan(s.Agents, s.Held, Service, Now, Guard).LoadAfter.Values.ToList();
            return after.Count == 0 || after.Max() - after.Min() <= 1;
        });

    [Property]
    public Property With_equal_weights_the_spread_ends_within_one_conversation() =>
        Prop.ForAll(OpenTeams.Generator.Zip(Gen.Elements(0.5m, 0.25m, 1m)).ToArbitrary(), t =>
        {
            var (s, weight) = t;
            var agents = s.Agents.Select(a => a with { Load = a.OpenConversations * weight }).ToArray();
            var held = s.Held.Select(c => c with { Weight = weight }).ToArray();
            var after = RebalancePlanner.Plan(agents, held, Service, Now, Guard).LoadAfter.Values.ToList();
            return after.Count == 0 || after.Max() - after.Min() <= weight;
        });

    private static (bool EveryMoveFits, bool HolderWasRight, Dictionary<Guid, decimal> Load) Replay(Situation s, RebalancePlan plan)
    {
        var load = s.Agents.ToDictionary(a => a.Id, a => a.Load);
        var weight = s.Held.ToDictionary(c => c.Id, c => c.Weight);
        var holder = s.Held.ToDictionary(c => c.Id, c => c.AgentId);
        var team = s.Held.ToDictionary(c => c.Id, c => c.Team);
        var agents = s.Agents.ToDictionary(a => a.Id);
        var fits = true;
        var holderRight = true;
        foreach (var move in plan.Moves)
        {
            var to = agents[move.ToAgentId];
            fits &= to.Presence == AgentPresence.Online && to.WorksFor(Service) && to.WorksFor(team[move.ConversationId])
                && load[to.Id] + weight[move.ConversationId] <= to.Capacity;
            holderRight &= holder[move.ConversationId] == move.FromAgentId;
            holder[move.ConversationId] = to.Id;
            load[move.FromAgentId] -= weight[move.ConversationId];
            load[to.Id] += weight[move.ConversationId];
        }

        return (fits, holderRight, load);
    }

    internal sealed record Situation(AgentSnapshot[] Agents, HeldConversation[] Held)
    {
        public override string ToString() =>
            string.Join("; ", Agents.Select(a => $"{a.Name} {a.Presence} {a.LoadText} [{string.Join(",", a.Teams ?? [])}]: "
                + string.Join(",", Held.Where(c => c.AgentId == a.Id).Select(c => $"{c.Team ?? "-"}:{c.Weight}@{(c.LastAgentReplyAt is { } r ? (Now - r).TotalMinutes : -1)}"))));
    }

    // Small ranges so that full agents, over-capacity agents (capacity lowered), ties and guarded conversations come
    // up often. Every agent holds exactly the conversations listed, so their load is the sum of their weights: an e-mail
    // may weigh 0.5 or 0.3, a chat 1.
    private static readonly string?[] ConversationTeams = [Service, Service, "sales", null];

    private static readonly Gen<(AgentPresence Presence, int Capacity, string[] Teams, (int team, int replied, decimal weight)[] Held)> AgentSpec =
        from presence in Gen.Elements(AgentPresence.Online, AgentPresence.Online, AgentPresence.Away, AgentPresence.Offline)
        from capacity in Gen.Choose(0, 6)
        from teams in Gen.Elements<string[]>([], [Service], [Service, "sales"], ["sales"])
        from count in Gen.Choose(0, 7)
        from held in Gen.ArrayOf(
            from team in Gen.Choose(0, 3) from replied in Gen.Choose(-1, 8) from weight in Gen.Elements(1m, 1m, 0.5m, 0.3m)
            select (team, replied, weight), count)
        select (presence, capacity, teams, held);

    private static readonly Arbitrary<Situation> Situations = Arb.From(
        from agents in Gen.Choose(0, 6)
        from specs in Gen.ArrayOf(AgentSpec, agents)
        select Build(specs.Select(s =>
            (s.Presence, s.Capacity, s.Teams, s.Held.Select(h => (ConversationTeams[h.team], h.replied, h.weight)).ToArray())).ToArray()));

    // Everyone online in the team, nothing answered recently, conversations of the team or of none, capacity no limit.
    private static readonly Arbitrary<Situation> OpenTeams = Arb.From(
        from agents in Gen.Choose(1, 6)
        from counts in Gen.ArrayOf(Gen.Choose(0, 9), agents)
        from teams in Gen.Elements<string[]>([], [Service])
        select Build(counts.Select(count => (AgentPresence.Online, 60, teams,
            Enumerable.Range(0, count).Select(i => (i % 2 == 0 ? (string?)Service : null, i % 3 == 0 ? -1 : 6 + i, i % 4 == 1 ? 0.5m : 1m)).ToArray())).ToArray()));

    private static Situation Build((AgentPresence Presence, int Capacity, string[] Teams, (string? Team, int RepliedMinutesAgo, decimal Weight)[] Held)[] specs)
    {
        var agents = specs.Select((s, i) => new AgentSnapshot(new Guid(i + 1, 0, 0, new byte[8]), $"agent{i}", s.Presence, s.Held.Length,
            s.Capacity, null, s.Teams) { Load = s.Held.Sum(h => h.Weight) }).ToArray();
        var held = specs.SelectMany((s, i) => s.Held.Select((h, j) => new HeldConversation(new Guid(i + 1, (short)(j + 1), 0, new byte[8]),
            agents[i].Id, h.Team, h.RepliedMinutesAgo < 0 ? null : Now.AddMinutes(-h.RepliedMinutesAgo), Weight: h.Weight))).ToArray();
        return new Situation(agents, held);
    }

    private static AgentSnapshot Agent(string name, AgentPresence presence = AgentPresence.Online, int open = 0, int capacity = 10,
        IReadOnlyList<string>? teams = null) =>
        new(Guid.NewGuid(), name, presence, open, capacity, null, teams ?? [Service]);

    private static HeldConversation[] Held(AgentSnapshot agent, int count) =>
        [.. Enumerable.Range(0, count).Select(_ => new HeldConversation(Guid.NewGuid(), agent.Id, Service, null))];
}
