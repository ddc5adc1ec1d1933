using System.Text;
using CampTrading.Core.Accounts;
using CampTrading.Core.Engine;
using CampTrading.Core.Journal;
using CampTrading.Core.Ledger;
using CampTrading.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CampTrading.Tests.Durability;

/// <summary>
/// Random and hostile Unicode through every string field of every command, over the real PostgreSQL journal:
/// nothing wedges the exchange, an ordinary command is acknowledged right after each, the books balance,
/// and whatever was journaled replays to the same state.
/// </summary>
public sealed class HostileTextFuzzTests(PostgresFixture postgres, ITestOutputHelper output) : IClassFixture<PostgresFixture>
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Hostile_text_in_every_field_never_stops_the_exchange_and_the_journal_replays()
    {
        const int seed = 20261202;
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        var connection = await postgres.CreateDatabaseAsync("fuzz");
        string before;
        await using (var exchange = await DurableExchange.OpenAsync(connection))
        {
            await exchange.StartAsync();
            foreach (var command in EveryCommandReplayTests.Script(DateTimeOffset.UtcNow).Where(c => c is not Settle))
                await exchange.SubmitAsync(command).WaitAsync(Generous);

            var texts = CommandTextTests.HostileTexts.Values.Append(new string('\u0000', 1 << 20)).Append(new string('x', 1 << 20)).ToList();
            var submitted = 0;
            foreach (var (sample, field) in CommandTextTests.Fields())
            {
                foreach (var text in texts.Concat(Enumerable.Range(0, 6).Select(_ => RandomText(random))))
                {
                    var command = CommandTextTests.WithText(sample, field.Name, text);
                    var ack = await exchange.Sequencer!.SubmitTrackedAsync(command).WaitAsync(Generous);
                    var rule = CommandText.Check(text, field.MaxLength, field.Kind);
                    if (rule != RejectCode.None) Assert.Equal((0L, rule), (ack.Seq, ack.Result.Code));
                    Assert.NotEqual(RejectCode.JournalRejected, ack.Result.Code);

                    // Opening an account works even after a fuzzed Settle has closed the market for good (grants no longer do).
                    var ordinary = await exchange.Sequencer.SubmitTrackedAsync(new OpenAccount($"fuzz {submitted}"))
                        .WaitAsync(Generous);
                    Assert.True(ordinary.Result.IsOk, $"after {sample.GetType().Name}.{field.Name}: {ordinary.Result.Code}");
                    submitted++;
                }
            }
            output.WriteLine($"{submitted} hostile commands");
            Assert.Empty(await exchange.Sequencer!.ReadAsync(InvariantChecker.Check));
            Assert.Equal(0, exchange.Sequencer.Health.JournalFailures);
            before = await exchange.StateAsync();
        }

        await using var again = await DurableExchange.OpenAsync(connection);
        await again.StartAsync();
        Assert.Equal(before, await again.StateAsync());
    }

    /// <summary>Short strings mixing ASCII, CJK, emoji, controls, lone surrogates, bidi controls and noncharacters.</summary>
    private static string RandomText(Random random)
    {
        var text = new StringBuilder();
        var length = random.Next(0, 24);
        for (var i = 0; i < length; i++)
        {
            switch (random.Next(9))
            {
                case 0: text.Append((char)random.Next(0, 0x20)); break;
                case 1: text.Append((char)random.Next(0xD800, 0xE000)); break;
                case 2: text.Append((char)random.Next(0x202A, 0x202F)); break;
                case 3: text.Append(char.ConvertFromUtf32(random.Next(0x1F300, 0x1FAFF))); break;
                case 4: text.Append((char)random.Next(0x4E00, 0x9FFF)); break;
                case 5: text.Append((char)random.Next(0xFFF0, 0x10000)); break;
                case 6: text.Append((char)random.Next(0x80, 0xD800)); break;
                default: text.Append((char)random.Next(0x20, 0x7F)); break;
            }
        }
        return text.ToString();
    }
}
