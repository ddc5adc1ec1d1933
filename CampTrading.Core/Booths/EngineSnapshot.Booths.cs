namespace CampTrading.Core.Engine;

public sealed partial record EngineSnapshot
{
    /// <summary>Every community booth, by id.</summary>
    public IReadOnlyList<BoothState> Booths { get; init; } = [];

    /// <summary>One booth; AwardedTo lists the accounts it has paid, in order.</summary>
    public sealed record BoothState(int Id, string Name, string SecretHash, long Reward, long CreatedAt, string CreatedBy, int[] AwardedTo);
}
