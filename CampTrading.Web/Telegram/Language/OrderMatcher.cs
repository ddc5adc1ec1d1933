using CampTrading.Core.Trading;

namespace CampTrading.Web.Telegram.Language;

/// <summary>
/// Buy and sell phrases, in any word order: exactly one side word; a quantity (a number with 股/shares, the first bare
/// number, or 全部/all for sells); optionally a price (a number with 元/點, a number after at/@/以/限價/price, or a second bare
/// number as in "/buy 10 25") or 市價/market; optionally a symbol. A repeated or contradictory part, or any word outside
/// the table, refuses the phrase.
/// </summary>
internal static class OrderMatcher
{
    public static OrderIntent? Match(string text, ChatSymbols symbols)
    {
        if (!OrderWords.MentionsSide(text)) return null;
        var tokens = OrderLexer.Tokenize(text, symbols);
        if (!tokens.Exists(t => t.Word is OrderWord.Buy or OrderWord.Sell)) return null;
        var draft = new Draft();
        for (var i = 0; i < tokens.Count; i++)
        {
            var next = i + 1 < tokens.Count ? tokens[i + 1].Word : (OrderWord?)null;
            var consumed = tokens[i].Word switch
            {
                OrderWord.Buy => draft.SetSide(Side.Buy),
                OrderWord.Sell => draft.SetSide(Side.Sell),
                OrderWord.Number when next == OrderWord.ShareUnit => draft.SetQuantity(tokens[i].Number) ? 1 : -1,
                OrderWord.Number when next == OrderWord.PriceUnit => draft.SetPrice(tokens[i].Number) ? 1 : -1,
                OrderWord.Number when next == OrderWord.Refused => -1,
                OrderWord.Number => draft.SetBareNumber(tokens[i].Number),
                OrderWord.At when next == OrderWord.Market => draft.SetMarket() ? 1 : -1,
                OrderWord.At or OrderWord.Limit when next == OrderWord.Number => draft.SetPrice(tokens[i + 1].Number)
                    ? 1 + (NextIs(tokens, i + 2, OrderWord.PriceUnit) ? 1 : 0)
                    : -1,
                OrderWord.Market => draft.SetMarket() ? 0 : -1,
                OrderWord.All => draft.SetAll() ? (next == OrderWord.ShareUnit ? 1 : 0) : -1,
                OrderWord.Symbol => draft.SetSymbol(tokens[i].Symbol!) ? 0 : -1,
                _ => -1,
            };
            if (consumed < 0) return null;
            i += consumed;
        }
        return draft.ToIntent();
    }

    private static bool NextIs(List<OrderToken> tokens, int index, OrderWord word) => index < tokens.Count && tokens[index].Word == word;

    /// <summary>The parts found so far; each setter refuses a second value.</summary>
    private sealed class Draft
    {
        private Side? side;
        private long? quantity;
        private bool all;
        private long? price;
        private bool market;
        private string? symbol;

        /// <returns>Extra tokens consumed (0), or -1 to refuse.</returns>
        public int SetSide(Side value)
        {
            if (side is not null) return -1;
            side = value;
            return 0;
        }

        public bool SetQuantity(long value)
        {
            if (quantity is not null || all) return false;
            quantity = value;
            return true;
        }

        public bool SetPrice(long value)
        {
            if (price is not null) return false;
            price = value;
            return true;
        }

        /// <summary>"buy 10 25" as in the one-line /buy command: the first bare number is the quantity, the second the price.
        /// After "all" a bare number is refused: "sell all 5" may mean five shares or a price of five.</summary>
        public int SetBareNumber(long value)
        {
            if (all) return -1;
            if (quantity is null) return SetQuantity(value) ? 0 : -1;
            return SetPrice(value) ? 0 : -1;
        }

        public bool SetMarket()
        {
            if (market) return false;
            market = true;
            return true;
        }

        public bool SetAll()
        {
            if (all || quantity is not null) return false;
            all = true;
            return true;
        }

        public bool SetSymbol(string value)
        {
            if (symbol is not null) return false;
            symbol = value;
            return true;
        }

        public OrderIntent? ToIntent()
        {
            if (side is not { } chosenSide) return null;
            if (market && price is not null) return null;
            if (quantity is { } q && !ChatLimits.IsQuantity(q)) return null;
            if (price is { } p && !ChatLimits.IsPoints(p)) return null;
            if (quantity is null && !all) return null;
            // "Buy all" has no defined size (all my points? all shares on offer?): refused rather than guessed.
            if (all && chosenSide == Side.Buy) return null;
            return new OrderIntent(chosenSide, quantity, price, symbol);
        }
    }
}
