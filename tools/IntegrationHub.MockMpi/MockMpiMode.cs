namespace IntegrationHub.MockMpi;

/// <summary>How the mock MPI answers a message.</summary>
public enum MockMpiMode
{
    /// <summary>Spec §17.1: <c>AA</c>, or <c>AE</c> when the text <c>fail</c> occurs anywhere in the message (any case).</summary>
    Normal,

    /// <summary>Always <c>AE</c>.</summary>
    AE,

    /// <summary>Always <c>AR</c>.</summary>
    AR,

    /// <summary>Never answer (the connection stays open; the sender's ACK timeout fires).</summary>
    Silent,

    /// <summary>Answer as <see cref="Normal"/>, but only after the configured delay.</summary>
    Late,

    /// <summary>Close the connection without writing a byte.</summary>
    Close,
}

/// <summary>The failure behaviour in force; replaced as a whole so a message never sees half a change.</summary>
/// <param name="Mode">What every message gets.</param>
/// <param name="Delay">How late <see cref="MockMpiMode.Late"/> answers.</param>
/// <param name="FailEvery">When above 0, every Nth message (by arrival order) gets <paramref name="FailMode"/> instead.</param>
/// <param name="FailMode">The mode of every Nth message.</param>
public sealed record MockMpiBehaviour(MockMpiMode Mode, TimeSpan Delay, int FailEvery, MockMpiMode FailMode)
{
    /// <summary>Plain §17.1 behaviour.</summary>
    public static MockMpiBehaviour Default { get; } = new(MockMpiMode.Normal, TimeSpan.FromSeconds(5), 0, MockMpiMode.AE);

    /// <summary>The mode for the message with arrival number <paramref name="sequence"/> (1-based).</summary>
    public MockMpiMode ModeFor(long sequence) => FailEvery > 0 && sequence % FailEvery == 0 ? FailMode : Mode;

    /// <summary>Parses a mode name: normal, aa, ae, ar, silent (or none, no-answer), late (or delay), close.</summary>
    public static bool TryParseMode(string? text, out MockMpiMode mode)
    {
        switch (text?.Trim().ToUpperInvariant())
        {
            case "NORMAL" or "AA" or "ACK":
                mode = MockMpiMode.Normal;
                return true;
            case "AE":
                mode = MockMpiMode.AE;
                return true;
            case "AR":
                mode = MockMpiMode.AR;
                return true;
            case "SILENT" or "NONE" or "NO-ANSWER" or "NOANSWER":
                mode = MockMpiMode.Silent;
                return true;
            case "LATE" or "DELAY":
                mode = MockMpiMode.Late;
                return true;
            case "CLOSE":
                mode = MockMpiMode.Close;
                return true;
            default:
                mode = default;
                return false;
        }
    }
}
