namespace IntegrationHub.Hl7.Tests.Model;

public class PathTests
{
    private const string Sample =
        "MSH|^~\\&|252|252|100|100|20250505232332||ADT^A28^ADT_A05|CTRL1|P|2.5\r" +
        "PID|1|98765^^^108^MR|8888888^^^252^PI~1234567890^^^NHS^NH||SMITH^JOHN^^^MR||19800101|M|||1 HIGH ST^^CARDIFF^^CF1 1AA\r" +
        "NK1|1|DOE^JANE|SPO\r" +
        "NK1|2|DOE^JIM|SON\r";

    [Theory]
    [InlineData("MSH-1", "|")]
    [InlineData("MSH-2", "^~\\&")]
    [InlineData("MSH-3", "252")]
    [InlineData("MSH-9", "ADT^A28^ADT_A05")]
    [InlineData("MSH-9.2", "A28")]
    [InlineData("MSH-10", "CTRL1")]
    [InlineData("MSH-12", "2.5")]
    [InlineData("PID-3", "8888888^^^252^PI~1234567890^^^NHS^NH")]
    [InlineData("PID-3(1)", "8888888^^^252^PI")]
    [InlineData("PID-3(2)", "1234567890^^^NHS^NH")]
    [InlineData("PID-3.1", "8888888")]
    [InlineData("PID-3(2).4", "NHS")]
    [InlineData("PID-3(2).4.1", "NHS")]
    [InlineData("PID.3(2).5", "NH")]
    [InlineData("PID-11.3", "CARDIFF")]
    [InlineData("NK1-2", "DOE^JANE")]
    [InlineData("NK1[2]-2.2", "JIM")]
    [InlineData("NK1[2]-3", "SON")]
    [InlineData("NK1[3]-3", "")]
    [InlineData("PID-3(3)", "")]
    [InlineData("PID-99", "")]
    [InlineData("PV1-2", "")]
    [InlineData("NK1[2]", "NK1|2|DOE^JIM|SON")]
    public void Get_reads_the_raw_value_at_a_path(string path, string expected) =>
        Assert.Equal(expected, Hl7Message.Parse(Sample).Get(path));

    [Theory]
    [InlineData("PID-3.1", Hl7ValueKind.Value)]
    [InlineData("PID-4", Hl7ValueKind.Empty)]
    [InlineData("PID-99", Hl7ValueKind.Absent)]
    [InlineData("PV1-2", Hl7ValueKind.Absent)]
    [InlineData("PID-3(3)", Hl7ValueKind.Absent)]
    [InlineData("PID-3.2", Hl7ValueKind.Empty)]
    public void Kind_tells_absent_from_empty_from_value(string path, Hl7ValueKind expected) =>
        Assert.Equal(expected, Hl7Message.Parse(Sample).Kind(path));

    [Fact]
    public void The_HL7_null_is_distinct_from_empty()
    {
        var message = Hl7Message.Parse("MSH|^~\\&|A\rPID|1||||\"\"|");

        Assert.Equal(Hl7ValueKind.Null, message.Kind("PID-5"));
        Assert.Equal("\"\"", message.Get("PID-5"));
        Assert.Equal(Hl7ValueKind.Empty, message.Kind("PID-6"));

        message.Set("PID-6", Hl7Null.Value);
        Assert.Equal(Hl7ValueKind.Null, message.Kind("PID-6"));
    }

    [Theory]
    [InlineData("PID-5.2", "JANE", "PID|1|98765^^^108^MR|8888888^^^252^PI~1234567890^^^NHS^NH||SMITH^JANE^^^MR||19800101|M|||1 HIGH ST^^CARDIFF^^CF1 1AA")]
    [InlineData("PID-3(2).4.2", "2.16", "PID|1|98765^^^108^MR|8888888^^^252^PI~1234567890^^^NHS&2.16^NH||SMITH^JOHN^^^MR||19800101|M|||1 HIGH ST^^CARDIFF^^CF1 1AA")]
    [InlineData("PID-3(4)", "X^^^Y", "PID|1|98765^^^108^MR|8888888^^^252^PI~1234567890^^^NHS^NH~~X^^^Y||SMITH^JOHN^^^MR||19800101|M|||1 HIGH ST^^CARDIFF^^CF1 1AA")]
    [InlineData("PID-14", "X", "PID|1|98765^^^108^MR|8888888^^^252^PI~1234567890^^^NHS^NH||SMITH^JOHN^^^MR||19800101|M|||1 HIGH ST^^CARDIFF^^CF1 1AA|||X")]
    [InlineData("PID-2.6.2", "S", "PID|1|98765^^^108^MR^&S|8888888^^^252^PI~1234567890^^^NHS^NH||SMITH^JOHN^^^MR||19800101|M|||1 HIGH ST^^CARDIFF^^CF1 1AA")]
    public void Set_writes_and_creates_missing_structure(string path, string value, string expectedPid)
    {
        var message = Hl7Message.Parse(Sample);
        message.Set(path, value);

        Assert.Equal(expectedPid, message.Segment("PID")!.ToString());
        Assert.Equal(value, message.Get(path));
    }

    [Fact]
    public void Set_on_a_missing_segment_appends_it()
    {
        var message = Hl7Message.Parse("MSH|^~\\&|A\rPID|1\r");
        message.Set("PV1-2", "U");
        message.Set("NK1[2]-1", "2");

        Assert.Equal("MSH|^~\\&|A\rPID|1\rPV1||U\rNK1\rNK1|2\r", message.Encode());
    }

    [Fact]
    public void Set_MSH_fields_uses_HL7_numbering()
    {
        var message = Hl7Message.Parse("MSH|^~\\&|A|B\r");
        message.Set("MSH-3", "X");
        message.Set("MSH-7", "20250101");

        Assert.Equal("MSH|^~\\&|X|B|||20250101\r", message.Encode());
        Assert.Throws<ArgumentException>(() => message.Set("MSH-2", "^~\\#"));
        Assert.Throws<ArgumentException>(() => message.Set("MSH-1", "#"));
    }

    [Fact]
    public void SetText_escapes_delimiters_and_GetText_decodes_them()
    {
        var message = Hl7Message.Parse("MSH|^~\\&|A\rNTE|1\r");
        message.SetText("NTE-3", "A|B^C&D~E\\F");

        Assert.Equal("A\\F\\B\\S\\C\\T\\D\\R\\E\\E\\F", message.Get("NTE-3"));
        Assert.Equal("A|B^C&D~E\\F", message.GetText("NTE-3"));
    }

    [Fact]
    public void Delete_removes_segments_and_values()
    {
        var message = Hl7Message.Parse(Sample);
        message.Delete("NK1[1]");
        message.Delete("PID-11");
        message.Delete("PID-3(2).4");

        Assert.Equal("NK1|2|DOE^JIM|SON", message.Segment("NK1")!.ToString());
        Assert.Null(message.Segment("NK1", 2));
        Assert.Equal("PID|1|98765^^^108^MR|8888888^^^252^PI~1234567890^^^^NH||SMITH^JOHN^^^MR||19800101|M", message.Segment("PID")!.ToString());
        message.Delete("PV1-3");
        message.Delete("PID-30");
        Assert.Equal(Hl7ValueKind.Absent, message.Kind("PID-11"));
    }

    [Fact]
    public void Repeated_segments_are_addressed_by_occurrence()
    {
        var message = Hl7Message.Parse(Sample);

        Assert.Equal(["1", "2"], message.SegmentsNamed("NK1").Select(s => s.GetField(1)));
        Assert.Equal("SPO", message.Get("NK1[1]-3"));
        Assert.Equal("SON", message.Get("NK1[2]-3"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("PI")]
    [InlineData("pid-3")]
    [InlineData("PID-")]
    [InlineData("PID-0")]
    [InlineData("PID-3(")]
    [InlineData("PID-3(0)")]
    [InlineData("PID-3.")]
    [InlineData("PID-3.1.2.3")]
    [InlineData("PID[0]-3")]
    [InlineData("PID-3x")]
    public void Malformed_paths_are_rejected(string path) =>
        Assert.False(Hl7Path.TryParse(path, out _, out _));

    [Fact]
    public void Paths_print_in_the_spec_notation() =>
        Assert.Equal("NK1[2]-3(2).4.1", Hl7Path.Parse("NK1[2].3(2).4.1").ToString());
}
