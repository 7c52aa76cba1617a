namespace IntegrationHub.Chemo.Tests;

/// <summary>The writer the mappers build segments with: separators appear only where a later value needs them.</summary>
public sealed class SegmentWriterTests
{
    private static readonly Hl7Delimiters D = Hl7Delimiters.Default;

    [Fact]
    public void Values_land_at_their_positions()
    {
        var w = new SegmentWriter();
        w.Begin("PID", D);
        w.Write(3, 1, 1, 0, "A");
        w.Write(3, 1, 4, 1, "NHS");
        w.Write(3, 2, 4, 2, "ISO");
        w.Write(5, 1, 0, 0, "X^Y");
        Assert.Equal("PID|||A^^^NHS~^^^&ISO||X^Y", w.ToString());
    }

    [Fact]
    public void Empty_values_write_nothing()
    {
        var w = new SegmentWriter();
        w.Begin("NK1", D);
        w.Write(2, 1, 1, 0, string.Empty);
        w.Write(9, 3, 2, 2, string.Empty);
        Assert.Equal("NK1", w.ToString());
    }

    [Fact]
    public void Begin_starts_afresh()
    {
        var w = new SegmentWriter();
        w.Begin("PID", D);
        w.Write(9, 1, 0, 0, "OLD");
        w.Begin("PD1", D);
        w.Write(1, 1, 0, 0, "NEW");
        Assert.Equal("PD1|NEW", w.ToString());
    }

    [Fact]
    public void A_single_field_can_be_built()
    {
        var w = new SegmentWriter();
        w.BeginField(D);
        w.Write(1, 1, 1, 0, "ADT");
        w.Write(1, 1, 3, 0, "ADT_A05");
        Assert.Equal("ADT^^ADT_A05", w.ToString());
    }

    [Fact]
    public void Escaped_text_stays_in_one_component()
    {
        var w = new SegmentWriter();
        w.Begin("PID", new Hl7Delimiters('|', '^', '~', '!', '&'));
        w.MoveTo(3, 1, 1, 0);
        w.AppendEscaped("^A&B!T!~");
        Assert.Equal("PID|||!S!A!T!B!T!~", w.ToString());
    }

    [Fact]
    public void Move_to_keeps_trailing_empty_repetitions()
    {
        var w = new SegmentWriter();
        w.Begin("PID", D);
        w.Write(13, 2, 1, 0, "X");
        w.MoveTo(13, 4, 1, 0);
        Assert.Equal("PID|||||||||||||~X~~", w.ToString());
    }
}
