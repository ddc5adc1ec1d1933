using System.Buffers.Binary;
using System.Text;

namespace CampTrading.LoadDriver.Circuits;

/// <summary>
/// The string table of a Blazor render batch, which is all a browser-free client needs to see what a render put on the
/// screen: every text and attribute value the batch writes is one entry. The batch ends with five little-endian int32
/// section offsets, the last being the string table's index: one int32 per string, pointing at a 7-bit length-prefixed
/// UTF-8 string.
/// </summary>
internal static class RenderBatchStrings
{
    public static void ForEach(ReadOnlySpan<byte> batch, Action<string> visit)
    {
        if (batch.Length < 20) return;
        var index = BinaryPrimitives.ReadInt32LittleEndian(batch[^4..]);
        var end = batch.Length - 20;
        if (index < 0 || index > end) return;
        for (var p = index; p + 4 <= end; p += 4)
        {
            var at = BinaryPrimitives.ReadInt32LittleEndian(batch[p..]);
            if (at < 0 || at >= index || !TryReadLength(batch, ref at, out var length) || at + length > index) return;
            visit(Encoding.UTF8.GetString(batch.Slice(at, length)));
        }
    }

    private static bool TryReadLength(ReadOnlySpan<byte> batch, ref int at, out int length)
    {
        length = 0;
        for (var shift = 0; shift < 35 && at < batch.Length; shift += 7)
        {
            var b = batch[at++];
            length |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) return length >= 0;
        }
        return false;
    }
}
