using System.Text;
using CampTrading.Web.LiveMarket;

namespace CampTrading.ComponentTests.LiveMarket;

/// <summary>How one shared frame reaches every follower: once per change, newest only, never held up by a slow one.</summary>
public sealed class LiveTopicTests
{
    private int _version = 1;
    private int _writes;

    private LiveTopic Topic() => new("test", () => _version, json =>
    {
        _writes++;
        json.WriteStartObject();
        json.WriteNumber("v", _version);
        json.WriteEndObject();
    });

    private static string Text(byte[] frame) => Encoding.UTF8.GetString(frame);

    [Fact]
    public void A_new_follower_gets_the_current_frame_at_once_as_one_server_sent_event()
    {
        var topic = Topic();
        using var follower = topic.Follow();

        Assert.True(follower.Frames.TryRead(out var frame));
        Assert.Equal("data: {\"v\":1}\n\n", Text(frame));
    }

    [Fact]
    public void A_frame_is_written_once_for_all_followers_and_only_when_the_picture_changed()
    {
        var topic = Topic();
        using var a = topic.Follow();
        using var b = topic.Follow();
        a.Frames.TryRead(out _);
        b.Frames.TryRead(out _);

        Assert.False(topic.Publish()); // nothing changed
        _version = 2;
        Assert.True(topic.Publish());

        Assert.True(a.Frames.TryRead(out var fa));
        Assert.True(b.Frames.TryRead(out var fb));
        Assert.Same(fa, fb); // the same bytes for every phone
        Assert.Equal(2, _writes);
    }

    [Fact]
    public void A_follower_that_does_not_read_keeps_only_the_newest_frame()
    {
        var topic = Topic();
        using var slow = topic.Follow();
        for (var v = 2; v <= 50; v++)
        {
            _version = v;
            topic.Publish();
        }

        Assert.True(slow.Frames.TryRead(out var frame));
        Assert.Equal("data: {\"v\":50}\n\n", Text(frame));
        Assert.False(slow.Frames.TryRead(out _));
    }

    [Fact]
    public void A_keep_alive_goes_to_quiet_followers_and_never_replaces_a_waiting_frame()
    {
        var topic = Topic();
        using var waiting = topic.Follow(); // its first frame is not read yet
        using var quiet = topic.Follow();
        quiet.Frames.TryRead(out _);

        topic.KeepAlive(TimeSpan.Zero);

        Assert.True(waiting.Frames.TryRead(out var frame));
        Assert.StartsWith("data: ", Text(frame), StringComparison.Ordinal);
        Assert.True(quiet.Frames.TryRead(out var comment));
        Assert.Equal(": keep-alive\n\n", Text(comment));
    }

    [Fact]
    public void A_follower_that_left_is_offered_nothing_and_a_topic_nobody_follows_writes_nothing()
    {
        var topic = Topic();
        var left = topic.Follow();
        left.Frames.TryRead(out _);
        left.Dispose();
        var writes = _writes;

        _version = 2;
        Assert.False(topic.Publish());

        Assert.False(left.Frames.TryRead(out _));
        Assert.Equal(writes, _writes);
        Assert.Equal(0, topic.FollowerCount);
    }
}
