using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using CampTrading.Web.LiveMarket;

namespace CampTrading.ComponentTests.LiveMarket;

/// <summary>
/// How one shared frame reaches every follower: written once per change, straight into each page's pipe, the newest only
/// for a page whose socket is busy, never holding up the others. Pipes stand in for the responses: a pipe that pauses its
/// writer after a few bytes is a phone that stopped reading.
/// </summary>
public sealed class LiveTopicTests
{
    private int _version = 1;
    private int _writes;

    private LiveTopic Topic() => new("test", () => _version, json =>
    {
        _writes++;
        json.WriteStartObject();
        json.WriteNumber("v", _version);
        json.WriteString("pad", new string('x', 100));
        json.WriteEndObject();
    });

    private static Pipe Phone(long pauseAfter = 1 << 20) => new(new PipeOptions(pauseWriterThreshold: pauseAfter, resumeWriterThreshold: pauseAfter / 2, useSynchronizationContext: false));

    /// <summary>Everything written to the pipe so far, as text.</summary>
    private static async Task<string> ReadAsync(Pipe phone)
    {
        var text = new StringBuilder();
        while (phone.Reader.TryRead(out var result))
        {
            text.Append(Encoding.UTF8.GetString(result.Buffer.ToArray()));
            phone.Reader.AdvanceTo(result.Buffer.End);
            if (result.Buffer.IsEmpty) break;
            await Task.Yield();
        }
        return text.ToString();
    }

    private static string[] Versions(string text) =>
        text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Where(e => e.StartsWith("data: ", StringComparison.Ordinal))
            .Select(e => e[(e.IndexOf("\"v\":", StringComparison.Ordinal) + 4)..e.IndexOf(',', StringComparison.Ordinal)]).ToArray();

    [Fact]
    public async Task A_new_follower_gets_the_current_frame_at_once_as_one_server_sent_event()
    {
        var topic = Topic();
        var phone = Phone();
        await using var follower = topic.Follow(phone.Writer);

        var text = await ReadAsync(phone);
        Assert.StartsWith("data: {\"v\":1,", text, StringComparison.Ordinal);
        Assert.EndsWith("}\n\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_frame_is_written_once_for_all_followers_and_only_when_the_picture_changed()
    {
        var topic = Topic();
        var (a, b) = (Phone(), Phone());
        await using var fa = topic.Follow(a.Writer);
        await using var fb = topic.Follow(b.Writer);

        Assert.False(topic.Publish()); // nothing changed
        _version = 2;
        Assert.True(topic.Publish());

        Assert.Equal(["1", "2"], Versions(await ReadAsync(a)));
        Assert.Equal(["1", "2"], Versions(await ReadAsync(b)));
        Assert.Equal(2, _writes); // once per change, however many phones
    }

    [Fact]
    public async Task A_phone_that_stops_reading_holds_nobody_up_and_gets_only_the_newest_frame_when_it_reads_again()
    {
        var topic = Topic();
        var stalled = Phone(pauseAfter: 50); // its socket is full after one frame
        var reading = Phone();
        await using var slow = topic.Follow(stalled.Writer);
        await using var fast = topic.Follow(reading.Writer);

        for (var v = 2; v <= 50; v++)
        {
            _version = v;
            topic.Publish();
        }

        Assert.Equal(Enumerable.Range(1, 50).Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)), Versions(await ReadAsync(reading)));
        Assert.Equal(1, slow.Written); // the first frame filled its socket; the rest waited as one
        var first = Versions(await ReadAsync(stalled)); // it reads again: the pipe resumes and the newest waiting frame follows
        for (var i = 0; i < 100 && slow.Written < 2; i++) await Task.Delay(10);
        var all = first.Concat(Versions(await ReadAsync(stalled))).ToArray();
        Assert.Equal(["1", "50"], all);
    }

    [Fact]
    public async Task A_keep_alive_goes_to_idle_followers_and_never_to_one_whose_socket_is_busy()
    {
        var topic = Topic();
        var busy = Phone(pauseAfter: 50);
        var idle = Phone();
        await using var b = topic.Follow(busy.Writer);
        await using var i = topic.Follow(idle.Writer);

        topic.KeepAlive(TimeSpan.Zero);

        Assert.EndsWith(": keep-alive\n\n", await ReadAsync(idle), StringComparison.Ordinal);
        Assert.DoesNotContain("keep-alive", await ReadAsync(busy), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_follower_that_left_is_written_nothing_and_a_topic_nobody_follows_writes_nothing()
    {
        var topic = Topic();
        var phone = Phone();
        var left = topic.Follow(phone.Writer);
        await ReadAsync(phone);
        await left.DisposeAsync();
        var writes = _writes;

        _version = 2;
        Assert.False(topic.Publish());

        Assert.Equal("", await ReadAsync(phone));
        Assert.Equal(writes, _writes);
        Assert.Equal(0, topic.FollowerCount);
    }

    [Fact]
    public async Task A_phone_whose_pipe_is_closed_is_gone()
    {
        var topic = Topic();
        var phone = Phone();
        await using var follower = topic.Follow(phone.Writer);
        await phone.Reader.CompleteAsync(); // the socket went away

        _version = 2;
        topic.Publish();

        await follower.Gone.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
