using System.Text;

namespace IntegrationHub.Hl7;

/// <summary>
/// Reads and writes the pieces of a composite value. Values stay raw ER7 (escapes intact); a composite inside a
/// component (HD in CX.4) uses the sub-component separator.
/// </summary>
internal static class Hl7Composite
{
    public static string[] Split(ReadOnlySpan<char> text, char separator, int count)
    {
        var pieces = new string[count];
        var remaining = text;
        for (var i = 0; i < count; i++)
        {
            var end = remaining.IndexOf(separator);
            var piece = end < 0 || i == count - 1 ? remaining : remaining[..end];
            pieces[i] = piece.ToString();
            if (end < 0)
            {
                for (var j = i + 1; j < count; j++)
                {
                    pieces[j] = string.Empty;
                }

                break;
            }

            remaining = remaining[(end + 1)..];
        }

        return pieces;
    }

    /// <summary>Joins pieces, dropping trailing empty ones.</summary>
    public static string Join(char separator, params string[] pieces)
    {
        var last = pieces.Length - 1;
        while (last >= 0 && pieces[last].Length == 0)
        {
            last--;
        }

        var builder = new StringBuilder();
        for (var i = 0; i <= last; i++)
        {
            if (i > 0)
            {
                builder.Append(separator);
            }

            builder.Append(pieces[i]);
        }

        return builder.ToString();
    }
}

/// <summary>HD — hierarchic designator (namespace id, universal id, universal id type).</summary>
public sealed record Hd(string NamespaceId, string UniversalId = "", string UniversalIdType = "")
{
    /// <summary>Reads an HD whose parts are separated by <paramref name="separator"/> (component or sub-component).</summary>
    public static Hd Parse(ReadOnlySpan<char> text, char separator)
    {
        var p = Hl7Composite.Split(text, separator, 3);
        return new Hd(p[0], p[1], p[2]);
    }

    public string ToEr7(char separator) => Hl7Composite.Join(separator, NamespaceId, UniversalId, UniversalIdType);

    public bool IsEmpty => NamespaceId.Length == 0 && UniversalId.Length == 0 && UniversalIdType.Length == 0;
}

/// <summary>CX — extended composite id with check digit (v2.5: 10 components).</summary>
public sealed record Cx(
    string IdNumber,
    string CheckDigit = "",
    string CheckDigitScheme = "",
    Hd? AssigningAuthority = null,
    string IdentifierTypeCode = "",
    Hd? AssigningFacility = null,
    string EffectiveDate = "",
    string ExpirationDate = "",
    string AssigningJurisdiction = "",
    string AssigningAgency = "")
{
    public static Cx Parse(ReadOnlySpan<char> repetition, Hl7Delimiters d)
    {
        var p = Hl7Composite.Split(repetition, d.Component, 10);
        return new Cx(p[0], p[1], p[2], Hd.Parse(p[3], d.SubComponent), p[4], Hd.Parse(p[5], d.SubComponent), p[6], p[7], p[8], p[9]);
    }

    public string ToEr7(Hl7Delimiters d) => Hl7Composite.Join(
        d.Component,
        IdNumber,
        CheckDigit,
        CheckDigitScheme,
        AssigningAuthority?.ToEr7(d.SubComponent) ?? string.Empty,
        IdentifierTypeCode,
        AssigningFacility?.ToEr7(d.SubComponent) ?? string.Empty,
        EffectiveDate,
        ExpirationDate,
        AssigningJurisdiction,
        AssigningAgency);
}

/// <summary>XPN — extended person name (family name's surname is FN.1; further FN parts are kept raw).</summary>
public sealed record Xpn(
    string FamilyName,
    string GivenName = "",
    string SecondNames = "",
    string Suffix = "",
    string Prefix = "",
    string Degree = "",
    string NameTypeCode = "",
    string NameRepresentationCode = "")
{
    public static Xpn Parse(ReadOnlySpan<char> repetition, Hl7Delimiters d)
    {
        var p = Hl7Composite.Split(repetition, d.Component, 8);
        return new Xpn(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7]);
    }

    /// <summary>FN.1, the surname, without the other parts of the family name.</summary>
    public string Surname(Hl7Delimiters d) => Er7Pieces.Piece(FamilyName, d.SubComponent, 1).ToString();

    public string ToEr7(Hl7Delimiters d) =>
        Hl7Composite.Join(d.Component, FamilyName, GivenName, SecondNames, Suffix, Prefix, Degree, NameTypeCode, NameRepresentationCode);
}

/// <summary>XCN — extended composite id number and name for persons (first 10 components).</summary>
public sealed record Xcn(
    string IdNumber,
    string FamilyName = "",
    string GivenName = "",
    string SecondNames = "",
    string Suffix = "",
    string Prefix = "",
    string Degree = "",
    string SourceTable = "",
    Hd? AssigningAuthority = null,
    string NameTypeCode = "")
{
    public static Xcn Parse(ReadOnlySpan<char> repetition, Hl7Delimiters d)
    {
        var p = Hl7Composite.Split(repetition, d.Component, 10);
        return new Xcn(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], Hd.Parse(p[8], d.SubComponent), p[9]);
    }

    public string ToEr7(Hl7Delimiters d) => Hl7Composite.Join(
        d.Component, IdNumber, FamilyName, GivenName, SecondNames, Suffix, Prefix, Degree, SourceTable, AssigningAuthority?.ToEr7(d.SubComponent) ?? string.Empty, NameTypeCode);
}

/// <summary>XAD — extended address (street is SAD.1; further SAD parts are kept raw).</summary>
public sealed record Xad(
    string StreetAddress,
    string OtherDesignation = "",
    string City = "",
    string StateOrProvince = "",
    string PostalCode = "",
    string Country = "",
    string AddressType = "",
    string OtherGeographicDesignation = "",
    string CountyCode = "",
    string CensusTract = "")
{
    public static Xad Parse(ReadOnlySpan<char> repetition, Hl7Delimiters d)
    {
        var p = Hl7Composite.Split(repetition, d.Component, 10);
        return new Xad(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9]);
    }

    public string ToEr7(Hl7Delimiters d) => Hl7Composite.Join(
        d.Component, StreetAddress, OtherDesignation, City, StateOrProvince, PostalCode, Country, AddressType, OtherGeographicDesignation, CountyCode, CensusTract);
}
