using System.Buffers.Text;
using System.Text;

namespace IntegrationHub.Bus.Processing;

/// <summary>
/// The session state written by <see cref="BusProcessorOptions.MarkHandledInSessionState"/>: the sequence number of the
/// last message the handler accepted, as <c>handled:&lt;n&gt;</c> in UTF-8 (readable where tools show session state).
/// </summary>
internal static class HandledMark
{
    private static readonly byte[] Prefix = "handled:"u8.ToArray();

    public static byte[] Encode(long sequenceNumber) => Encoding.UTF8.GetBytes($"handled:{sequenceNumber}");

    /// <summary>The marked sequence number, or null for no state or a state this processor did not write.</summary>
    public static long? Decode(byte[]? state)
    {
        if (state is null || !state.AsSpan().StartsWith(Prefix))
        {
            return null;
        }

        var digits = state.AsSpan(Prefix.Length);
        return Utf8Parser.TryParse(digits, out long sequenceNumber, out var consumed) && consumed == digits.Length
            ? sequenceNumber
            : null;
    }
}
