using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Core.ReadModels;
using CampTrading.Tests.Core;
using CampTrading.Web.Points;

namespace CampTrading.Tests.Points;

/// <summary>Finding the student a typed recipient means: one, several (never a guess), or none.</summary>
public class RecipientResolverTests
{
    private readonly TestExchange _x = new();
    private readonly MarketReadModel _market = new();
    private readonly int _alice;
    private readonly int _wang;
    private readonly int _alexRed;
    private readonly int _alexBlue;

    public RecipientResolverTests()
    {
        _alice = _x.OpenStudent("Alice", "Red");
        _wang = _x.OpenStudent("王小明", "Blue");
        _x.OpenStudent("王小名", "Blue");
        _alexRed = _x.OpenStudent("alex", "Red");
        _alexBlue = _x.OpenStudent("Alex", "Blue");
        _x.Ok(new OpenAccount("maker", AccountKind.House));
        Sync();
    }

    private void Sync() => _market.OnBatch(_x.Engine, _x.Engine.Events.Span);

    private RecipientResolver Resolver(params IRecipientDirectory[] extra) =>
        new(_market, [new AccountNameDirectory(_market), .. extra]);

    [Theory]
    [InlineData("Alice")]
    [InlineData("alice")]
    [InlineData("ALICE")]
    [InlineData("  alice\t")]
    [InlineData("@alice")]
    [InlineData(" @Alice ")]
    [InlineData("@ alice")]
    [InlineData("＠alice")]         // full-width at sign
    [InlineData("ａｌｉｃｅ")]       // full-width letters
    [InlineData("\u3000alice\u3000")] // ideographic spaces
    public void A_unique_name_is_found_whatever_the_case_spacing_or_at_sign(string typed)
    {
        var lookup = Resolver().Resolve(typed);
        Assert.Equal(RecipientOutcome.Found, lookup.Outcome);
        var found = Assert.Single(lookup.Candidates);
        Assert.Same(found, lookup.Recipient);
        Assert.Equal((_alice, "Alice", "Red"), (found.AccountId, found.Name, found.Team));
        Assert.Equal(["name"], found.MatchedBy);
    }

    [Theory]
    [InlineData("王小明")]
    [InlineData("@王小明")]
    [InlineData(" 王小明 ")]
    [InlineData("\u3000王小明")]
    [InlineData("＠王小明")]
    public void Chinese_names_are_found(string typed)
    {
        var lookup = Resolver().Resolve(typed);
        Assert.Equal(RecipientOutcome.Found, lookup.Outcome);
        Assert.Equal(_wang, lookup.Recipient!.AccountId);
    }

    [Theory]
    [InlineData("王小")]
    [InlineData("小明")]
    [InlineData("王 小明")]
    [InlineData("王小明明")]
    public void Chinese_names_are_not_matched_partially(string typed)
    {
        Assert.Equal(RecipientOutcome.NotFound, Resolver().Resolve(typed).Outcome);
    }

    [Fact]
    public void Several_matches_are_ambiguous_and_list_every_candidate_with_its_team()
    {
        var lookup = Resolver().Resolve("@ALEX");
        Assert.Equal(RecipientOutcome.Ambiguous, lookup.Outcome);
        Assert.Null(lookup.Recipient);
        Assert.Equal([_alexBlue, _alexRed], lookup.Candidates.Select(c => c.AccountId)); // ordinal name order: "Alex" < "alex"
        Assert.Equal(["Blue", "Red"], lookup.Candidates.Select(c => c.Team));
        Assert.Equal("@ALEX", lookup.Query);
    }

    [Theory]
    [InlineData("bob")]
    [InlineData("alic")]
    [InlineData("alice2")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("@")]
    [InlineData(null)]
    public void Nothing_matching_is_not_found(string? typed)
    {
        var lookup = Resolver().Resolve(typed);
        Assert.Equal(RecipientOutcome.NotFound, lookup.Outcome);
        Assert.Empty(lookup.Candidates);
        Assert.Null(lookup.Recipient);
    }

    [Theory]
    [InlineData("maker")]
    [InlineData("fees")]
    [InlineData("treasury")]
    public void Only_student_accounts_are_recipients(string typed)
    {
        Assert.Equal(RecipientOutcome.NotFound, Resolver().Resolve(typed).Outcome);
    }

    [Fact]
    public void New_accounts_are_found_once_the_read_model_has_them()
    {
        Assert.Equal(RecipientOutcome.NotFound, Resolver().Resolve("dora").Outcome);
        var dora = _x.OpenAccount("Dora");
        Sync();
        Assert.Equal(dora, Resolver().Resolve("@dora").Recipient!.AccountId);
    }

    /// <summary>What the identity feature will add: Telegram handles (or usernames) as more keys.</summary>
    private sealed class FakeHandles(string kind, Dictionary<string, int> handles) : IRecipientDirectory
    {
        public string KeyKind => kind;

        public IEnumerable<int> Match(string normalizedKey) =>
            handles.Where(h => RecipientKey.Normalize(h.Key) == normalizedKey).Select(h => h.Value);
    }

    [Fact]
    public void Extra_directories_add_keys()
    {
        var resolver = Resolver(new FakeHandles("telegram", new() { ["xiaoming_tw"] = _wang }));
        var lookup = resolver.Resolve("@XiaoMing_TW");
        Assert.Equal(RecipientOutcome.Found, lookup.Outcome);
        Assert.Equal(_wang, lookup.Recipient!.AccountId);
        Assert.Equal(["telegram"], lookup.Recipient.MatchedBy);
    }

    [Fact]
    public void One_account_matched_by_two_keys_is_still_one_candidate()
    {
        var resolver = Resolver(new FakeHandles("telegram", new() { ["alice"] = _alice }));
        var found = resolver.Resolve("alice").Recipient!;
        Assert.Equal(_alice, found.AccountId);
        Assert.Equal(["name", "telegram"], found.MatchedBy);
    }

    [Fact]
    public void A_key_that_names_different_accounts_in_different_directories_is_ambiguous()
    {
        var resolver = Resolver(new FakeHandles("username", new() { ["alice"] = _wang }));
        var lookup = resolver.Resolve("alice");
        Assert.Equal(RecipientOutcome.Ambiguous, lookup.Outcome);
        Assert.Equal([_alice, _wang], lookup.Candidates.Select(c => c.AccountId).Order());
    }

    [Fact]
    public void Directories_naming_unknown_or_non_student_accounts_are_ignored()
    {
        var resolver = Resolver(new FakeHandles("telegram", new() { ["ghost"] = 99_999, ["fees"] = SystemAccounts.Fees }));
        Assert.Equal(RecipientOutcome.NotFound, resolver.Resolve("ghost").Outcome);
        Assert.Equal(RecipientOutcome.NotFound, resolver.Resolve("fees").Outcome);
    }

    [Theory]
    [InlineData("@Alice", "ALICE")]
    [InlineData("＠ａｌｉｃｅ", "ALICE")]
    [InlineData("  王小明 ", "王小明")]
    [InlineData("@@x", "@X")]
    [InlineData(null, "")]
    public void Keys_normalize_predictably(string? text, string key)
    {
        Assert.Equal(key, RecipientKey.Normalize(text));
    }
}
