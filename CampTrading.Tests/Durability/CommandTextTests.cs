using System.Collections;
using System.Reflection;
using System.Text.Json.Serialization;
using CampTrading.Core.Engine;
using CampTrading.Core.Journal;

namespace CampTrading.Tests.Durability;

/// <summary>The one text rule for every string field of every command, checked before anything is queued or journaled.</summary>
public sealed class CommandTextTests
{
    internal static IReadOnlyList<Type> CommandTypes { get; } =
        typeof(Command).GetCustomAttributes<JsonDerivedTypeAttribute>().Select(a => a.DerivedType).ToList();

    [Fact]
    public void Every_command_type_is_a_journal_type()
    {
        var all = typeof(Command).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(Command)) && !t.IsAbstract);
        Assert.Empty(all.Except(CommandTypes).Select(t => t.Name));
    }

    [Fact]
    public void Every_string_field_of_every_command_declares_a_limit()
    {
        var missing = new List<string>();
        foreach (var type in CommandTypes)
        {
            var declared = CommandText.FieldsOf(type).Select(f => f.Name).ToHashSet();
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (IsText(property.PropertyType) && !declared.Contains(property.Name)) missing.Add($"{type.Name}.{property.Name}");
                else if (!IsText(property.PropertyType)) missing.AddRange(NestedText(property.PropertyType, $"{type.Name}.{property.Name}", 0));
            }
        }
        Assert.Empty(missing);
    }

    [Fact]
    public void Every_declared_field_names_a_real_property_and_reads_it()
    {
        foreach (var sample in EveryCommandReplayTests.Script(DateTimeOffset.UtcNow))
        {
            foreach (var field in CommandText.FieldsOf(sample.GetType()))
            {
                var probe = WithText(sample, field.Name, "probe-value");
                var read = field.One is not null ? field.One(probe) : field.Many!(probe)![0];
                Assert.Equal("probe-value", read);
            }
        }
    }

    // Looked up by name: xUnit would replace a lone surrogate in theory data with U+FFFD.
    internal static readonly Dictionary<string, string> HostileTexts = new()
    {
        { "nul", "a\u0000b" },
        { "lone high surrogate", "a\uD800b" },
        { "lone low surrogate", "\uDC00" },
        { "high surrogate at the end", "ab\uD83D" },
        { "right-to-left override", "abc\u202Egpj.exe" },
        { "isolate", "\u2066x\u2069" },
        { "escape", "\u001B[31mred" },
        { "C1 control", "a\u0085b" },
        { "tab", "a\tb" },
    };

    public static TheoryData<string> Hostile => new(HostileTexts.Keys);

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Hostile_text_in_any_field_is_refused_as_invalid_text(string what)
    {
        var text = HostileTexts[what];
        foreach (var (sample, field) in Fields())
        {
            var result = CommandText.Check(WithText(sample, field.Name, text));
            Assert.True(result.Code == RejectCode.InvalidText, $"{what} in {sample.GetType().Name}.{field.Name}: {result.Code}");
        }
    }

    [Fact]
    public void Text_over_a_fields_limit_is_refused_with_the_limit()
    {
        foreach (var (sample, field) in Fields())
        {
            Assert.Equal(RejectCode.None, CommandText.Check(WithText(sample, field.Name, new string('x', field.MaxLength))).Code);
            var result = CommandText.Check(WithText(sample, field.Name, new string('x', field.MaxLength + 1)));
            Assert.Equal(RejectCode.TextTooLong, result.Code);
            Assert.Equal(field.MaxLength, result.Detail1);
        }
    }

    [Theory]
    [InlineData("王小明")]
    [InlineData("🦀 Rust Taiwan")]
    [InlineData("O'Brien-Smith (day 2)")]
    [InlineData("مرحبا\u200F")]
    public void Ordinary_text_in_every_language_passes(string text)
    {
        foreach (var (sample, field) in Fields())
            Assert.Equal(RejectCode.None, CommandText.Check(WithText(sample, field.Name, text)).Code);
    }

    [Fact]
    public void A_memo_may_hold_line_breaks_and_a_name_may_not()
    {
        Assert.Equal(RejectCode.None, CommandText.Check(new Transfer(1, 2, 3, "thanks\r\nfor lunch")).Code);
        Assert.Equal(RejectCode.InvalidText, CommandText.Check(new OpenAccount("line\nbreak")).Code);
    }

    [Fact]
    public async Task The_sequencer_refuses_hostile_text_before_the_journal()
    {
        var journal = new CountingJournal();
        await using var sequencer = new Sequencer(new ExchangeEngine(), journal, null, TimeProvider.System, new SequencerOptions(), []);
        sequencer.Start();

        var refused = await sequencer.SubmitTrackedAsync(new OpenAccount("a\u0000b"));
        var huge = await sequencer.SubmitTrackedAsync(new ArcadeTransaction(1, "tx", 1, -1, new string('g', 20_000_000)));
        var fine = await sequencer.SubmitTrackedAsync(new OpenAccount("alice"));

        Assert.Equal((0L, RejectCode.InvalidText), (refused.Seq, refused.Result.Code));
        Assert.Equal((0L, RejectCode.TextTooLong), (huge.Seq, huge.Result.Code));
        Assert.Equal((1L, RejectCode.None), (fine.Seq, fine.Result.Code));
        Assert.Equal(1, journal.Appended);
    }

    [Fact]
    public async Task The_sequencer_refuses_a_command_whose_json_is_over_the_cap()
    {
        var journal = new CountingJournal();
        await using var sequencer = new Sequencer(new ExchangeEngine(), journal, null, TimeProvider.System, new SequencerOptions { MaxCommandChars = 1_000 }, []);
        sequencer.Start();

        var codes = Enumerable.Range(0, 100).Select(i => $"CODE-{i:D6}").ToList();
        var result = await sequencer.SubmitTrackedAsync(new CreateQrCodes(codes, 10, 1, null, "big", "staff"));

        Assert.Equal(RejectCode.CommandTooLarge, result.Result.Code);
        Assert.Equal(0, journal.Appended);
    }

    [Fact]
    public void The_new_codes_have_stable_names()
    {
        Assert.Equal("invalid_text", RejectCodes.Code(RejectCode.InvalidText));
        Assert.Equal("text_too_long", RejectCodes.Code(RejectCode.TextTooLong));
        Assert.Equal("command_too_large", RejectCodes.Code(RejectCode.CommandTooLarge));
        Assert.Equal("journal_rejected", RejectCodes.Code(RejectCode.JournalRejected));
        Assert.Equal("The text is too long (at most 80 characters).",
            RejectCodes.Message(CommandResult.Reject(RejectCode.TextTooLong, 80), System.Globalization.CultureInfo.GetCultureInfo("en")));
    }

    internal static IEnumerable<(Command Sample, TextField Field)> Fields() =>
        EveryCommandReplayTests.Script(DateTimeOffset.UtcNow)
            .DistinctBy(c => c.GetType())
            .SelectMany(c => CommandText.FieldsOf(c.GetType()).Select(f => (c, f)));

    /// <summary>A copy of <paramref name="command"/> with one text field (or every item of a list field) set to <paramref name="text"/>.</summary>
    internal static Command WithText(Command command, string property, string text)
    {
        var clone = (Command)command.GetType().GetMethod("<Clone>$")!.Invoke(command, null)!;
        var info = command.GetType().GetProperty(property)!;
        object value = info.PropertyType == typeof(string) ? text : new List<string> { text };
        info.SetValue(clone, value);
        return clone;
    }

    private static bool IsText(Type type) => type == typeof(string) || typeof(IEnumerable<string>).IsAssignableFrom(type);

    private static IEnumerable<string> NestedText(Type type, string path, int depth)
    {
        if (type.IsPrimitive || type.IsEnum || type == typeof(decimal) || type.Namespace?.StartsWith("System", StringComparison.Ordinal) == true && !typeof(IEnumerable).IsAssignableFrom(type) || depth > 3)
            yield break;
        if (type.IsGenericType) // lists and dictionaries of records
        {
            foreach (var argument in type.GetGenericArguments())
            {
                if (IsText(argument)) yield return $"{path}<{argument.Name}>";
                else foreach (var inner in NestedText(argument, path, depth + 1)) yield return inner;
            }
            yield break;
        }
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (IsText(property.PropertyType)) yield return $"{path}.{property.Name}";
            else foreach (var inner in NestedText(property.PropertyType, $"{path}.{property.Name}", depth + 1)) yield return inner;
        }
    }

    private sealed class CountingJournal : IJournal
    {
        public int Appended;

        public Task AppendAsync(IReadOnlyList<JournalEntry> batch, CancellationToken cancellationToken)
        {
            Interlocked.Add(ref Appended, batch.Count);
            return Task.CompletedTask;
        }

        public async IAsyncEnumerable<JournalEntry> ReadAfterAsync(long afterSeq, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.CompletedTask;
            yield break;
        }
    }
}
