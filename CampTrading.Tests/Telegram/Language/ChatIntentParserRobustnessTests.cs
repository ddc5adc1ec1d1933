using System.Text;
using CampTrading.Web.Telegram.Language;

namespace CampTrading.Tests.Telegram.Language;

/// <summary>Whatever students (or their cats) type, the parser answers an intent or null: it never throws, and the same text
/// always gives the same answer.</summary>
public sealed class ChatIntentParserRobustnessTests
{
    /// <summary>Grammar pieces mixed with junk, so that random strings get deep into the matchers and not only fail early.</summary>
    private static readonly string[] Pieces =
    [
        "買", "賣", "股", "元", "點", "給", "轉", "全部", "市價", "限價", "猜拳", "十", "百", "萬", "兩", "零", "張",
        "buy", "sell", "at", "@", "＠", "all", "market", "to", "with", "pvp", "price", "of", "CAMP", "cancel", "/", "-", ".",
        ",", "，", "？", " ", "　", "１０", "0", "1", "25", "999999999999999999999", "\u200b", "\u0301", "\ud83d\ude00", "\ud800", "\ufffe", "\uffff",
        "\0", "\t", "\n", "ｂｕｙ", "Ⅻ", "①", "٣", "ﷺ", "ß", "İ",
    ];

    [Fact]
    public void Parse_never_throws_and_is_deterministic_on_junk()
    {
        var random = new Random(20261121);
        for (var round = 0; round < 3000; round++)
        {
            var text = round % 2 == 0 ? FromPieces(random) : RandomChars(random);
            var first = ChatIntentParser.Parse(text);
            Assert.Equal(first, ChatIntentParser.Parse(text));
            if (first is not null)
            {
                Assert.NotEmpty(ChatIntentText.Describe(first, english: false));
                Assert.NotEmpty(ChatIntentText.Describe(first, english: true));
            }
        }
    }

    private static string FromPieces(Random random)
    {
        var builder = new StringBuilder();
        var count = random.Next(1, 9);
        for (var i = 0; i < count; i++) builder.Append(Pieces[random.Next(Pieces.Length)]);
        return builder.ToString();
    }

    private static string RandomChars(Random random)
    {
        var chars = new char[random.Next(0, 60)];
        for (var i = 0; i < chars.Length; i++) chars[i] = (char)random.Next(0, 0x10000);
        return new string(chars);
    }

    [Fact]
    public void Very_long_text_is_refused_quickly() =>
        Assert.Null(ChatIntentParser.Parse("轉 100 點給 " + string.Concat(Enumerable.Repeat("王小明 ", 5000))));
}
