namespace CampTrading.Core.Engine;

/// <summary>How an instrument's IPO pool is offered now.</summary>
public enum IpoPhase : byte
{
    /// <summary>No pool is offered (sold, withdrawn, or never listed with one).</summary>
    None = 0,
    /// <summary>A standing treasury ask in the continuous book (<see cref="SetIpoOffer"/>, or a listing from before the auction).</summary>
    Standing = 1,
    /// <summary>Kept in the treasury for the next opening auction; joins the book when a pre-open starts.</summary>
    WaitingForAuction = 2,
    /// <summary>One sell order in the pre-open's book, allocated at the open; the rest is withdrawn then.</summary>
    InAuction = 3,
}

/// <summary>An instrument's IPO pool: its phase, the price it sells at and the shares it offers.</summary>
public readonly record struct IpoView(IpoPhase Phase, long Price, long Shares);
