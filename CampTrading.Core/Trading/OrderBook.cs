namespace CampTrading.Core.Trading;

internal sealed class OrderBook
{
    public BookSide Bids { get; } = new(Side.Buy);
    public BookSide Asks { get; } = new(Side.Sell);

    public BookSide SideOf(Side side) => side == Side.Buy ? Bids : Asks;
    public BookSide Opposite(Side side) => side == Side.Buy ? Asks : Bids;
}
