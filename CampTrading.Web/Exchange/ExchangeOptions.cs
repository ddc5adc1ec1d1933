using System.ComponentModel.DataAnnotations;

namespace CampTrading.Web.Exchange;

/// <summary>Settings of the exchange (section <c>Exchange</c>).</summary>
public sealed class ExchangeOptions
{
    public const string Section = "Exchange";

    /// <summary>The camp's time zone: sessions, daily limits and daily candles follow it. Fixed at genesis.</summary>
    [Required]
    public string TimeZone { get; set; } = "Asia/Taipei";

    [Range(1_000, 100_000_000)]
    public long SnapshotEvery { get; set; } = 100_000;

    /// <summary>Instruments listed when the journal is empty (first start).</summary>
    public List<InstrumentListing> Instruments { get; set; } = [];

    public IReadOnlyList<InstrumentListing> InstrumentsOrDefault =>
        Instruments.Count > 0 ? Instruments : [new InstrumentListing { Symbol = "CAMP", Name = "Camp Stock" }];

    /// <summary>Force the market open at first start (handy in development; in a camp, use the schedule).</summary>
    public bool OpenOnFirstStart { get; set; }

    /// <summary>Allows signing in by account name alone, creating the account on first use. Development only.</summary>
    public bool DevSignIn { get; set; }

    /// <summary>Points granted to an account created by the development sign-in.</summary>
    [Range(0, 1_000_000_000)]
    public long DevStartingPoints { get; set; } = 10_000;

    public sealed class InstrumentListing
    {
        [Required, StringLength(12, MinimumLength = 1)]
        public string Symbol { get; set; } = "";
        [Required]
        public string Name { get; set; } = "";
        [Range(1, 1_000_000)]
        public long IpoPrice { get; set; } = 20;
        [Range(0, 1_000_000_000)]
        public long IpoShares { get; set; } = 1_000_000;
    }
}
