namespace IntegrationHub.Hl7.Tests.Types;

public class CompositeTests
{
    private static readonly Hl7Delimiters D = Hl7Delimiters.Default;

    [Fact]
    public void CX_reads_its_components_and_the_assigning_authority_as_HD()
    {
        var cx = Cx.Parse("1234567890^^^NHS&2.16.840.1.113883.2.1.4.1&ISO^NH^RVF&&", D);

        Assert.Equal("1234567890", cx.IdNumber);
        Assert.Equal(new Hd("NHS", "2.16.840.1.113883.2.1.4.1", "ISO"), cx.AssigningAuthority);
        Assert.Equal("NH", cx.IdentifierTypeCode);
        Assert.Equal("RVF", cx.AssigningFacility!.NamespaceId);
        Assert.Equal("1234567890^^^NHS&2.16.840.1.113883.2.1.4.1&ISO^NH^RVF", cx.ToEr7(D));
    }

    [Fact]
    public void XPN_reads_name_parts()
    {
        var xpn = Xpn.Parse("SMITH&VAN^JOHN^PAUL^JR^MR^^L", D);

        Assert.Equal("SMITH&VAN", xpn.FamilyName);
        Assert.Equal("SMITH", xpn.Surname(D));
        Assert.Equal("JOHN", xpn.GivenName);
        Assert.Equal("PAUL", xpn.SecondNames);
        Assert.Equal("MR", xpn.Prefix);
        Assert.Equal("L", xpn.NameTypeCode);
        Assert.Equal("SMITH&VAN^JOHN^PAUL^JR^MR^^L", xpn.ToEr7(D));
    }

    [Fact]
    public void XCN_reads_the_id_name_and_authority()
    {
        var xcn = Xcn.Parse("G1234567^JONES^ANN^^^DR^^^GMC&&", D);

        Assert.Equal("G1234567", xcn.IdNumber);
        Assert.Equal("JONES", xcn.FamilyName);
        Assert.Equal("DR", xcn.Prefix);
        Assert.Equal("GMC", xcn.AssigningAuthority!.NamespaceId);
        Assert.Equal("G1234567^JONES^ANN^^^DR^^^GMC", xcn.ToEr7(D));
    }

    [Fact]
    public void XAD_reads_address_lines()
    {
        var xad = Xad.Parse("1 HIGH ST^FLAT 2^CARDIFF^^CF10 1AA^GBR^H", D);

        Assert.Equal("1 HIGH ST", xad.StreetAddress);
        Assert.Equal("FLAT 2", xad.OtherDesignation);
        Assert.Equal("CARDIFF", xad.City);
        Assert.Equal("CF10 1AA", xad.PostalCode);
        Assert.Equal("H", xad.AddressType);
        Assert.Equal("1 HIGH ST^FLAT 2^CARDIFF^^CF10 1AA^GBR^H", xad.ToEr7(D));
    }

    [Fact]
    public void Components_beyond_the_known_ones_are_kept_raw_in_the_last()
    {
        var hd = Hd.Parse("A^B^C^D", '^');
        Assert.Equal("C^D", hd.UniversalIdType);
        Assert.Equal("A^B^C^D", hd.ToEr7('^'));
    }
}
