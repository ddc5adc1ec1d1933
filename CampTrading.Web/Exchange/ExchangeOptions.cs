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

    /// <summary>What a second instance on the same database does while another holds the writer lock (DESIGN "One writer, enforced").</summary>
    public StandbyMode StandbyMode { get; set; } = StandbyMode.Wait;

    /// <summary>How often a standby tries the writer lock, and the leader checks that its lock connection lives.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan WriterLockCheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>/healthz turns unhealthy once the journal has failed every write for longer than this.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan JournalUnhealthyAfter { get; set; } = TimeSpan.FromSeconds(5);

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

public enum StandbyMode
{
    /// <summary>Serve "standby" health, take no commands, and take over (replaying the journal) when the lock frees.</summary>
    Wait,
    /// <summary>Refuse to start, with a clear message.</summary>
    Refuse,
}
