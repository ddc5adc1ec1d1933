namespace CampTrading.Web.Feeds.Sources;

/// <summary>
/// Reads a stream line by line as raw UTF-8 with a cap on line length, so a hostile recording (one huge line) costs a
/// bounded buffer, not unbounded memory. A line handed out is valid until the next read.
/// </summary>
internal sealed class JsonLinesReader(Stream stream, int maxLineBytes)
{
    private readonly byte[] _buffer = new byte[maxLineBytes + 4096];
    private int _start, _end;
    private bool _endOfStream, _skippingLongLine;

    public readonly record struct Line(bool TooLong, ReadOnlyMemory<byte> Bytes);

    /// <summary>The next line without its line ending, a marker for a line over the cap, or null at the end.</summary>
    public async ValueTask<Line?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline >= 0)
            {
                var line = _buffer.AsMemory(_start, newline - _start);
                _start = newline + 1;
                if (_skippingLongLine)
                {
                    _skippingLongLine = false;
                    return new Line(true, default);
                }
                return new Line(false, TrimCarriageReturn(line));
            }
            if (_skippingLongLine) _start = _end = 0;
            else if (_end - _start > maxLineBytes)
            {
                _skippingLongLine = true;
                _start = _end = 0;
            }
            if (_endOfStream)
            {
                if (_skippingLongLine)
                {
                    _skippingLongLine = false;
                    return new Line(true, default);
                }
                if (_start == _end) return null;
                var last = _buffer.AsMemory(_start, _end - _start);
                _start = _end;
                return new Line(false, TrimCarriageReturn(last));
            }
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
            if (read == 0) _endOfStream = true;
            _end += read;
        }
    }

    private static ReadOnlyMemory<byte> TrimCarriageReturn(ReadOnlyMemory<byte> line) =>
        line.Length > 0 && line.Span[^1] == (byte)'\r' ? line[..^1] : line;
}
