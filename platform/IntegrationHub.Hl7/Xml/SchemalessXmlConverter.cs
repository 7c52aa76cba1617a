using System.Globalization;
using System.Xml;

namespace IntegrationHub.Hl7.Xml;

/// <summary>
/// The schema-less conversion the reference uses for the message store when no flow applies (spec §3.7): root =
/// MSH-9.3, one element per segment, one <c>&lt;SEG.n&gt;</c> per non-empty field holding the raw field text.
/// </summary>
public static class SchemalessXmlConverter
{
    public const string NoStructureMessage = "Unable to determine structure (MSH-9.3) from ER7 message";

    /// <summary>Throws <see cref="Hl7XmlConversionException"/> when MSH-9.3 is empty.</summary>
    public static string ToXml(Hl7Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var structure = Structure(message);
        if (structure.Length == 0)
        {
            throw new Hl7XmlConversionException(NoStructureMessage);
        }

        try
        {
            using var output = new Hl7XmlOutput(schema: null, Hl7XmlConverter.EstimatedLength(message));
            output.Start(structure);
            foreach (var segment in message.Segments)
            {
                output.Start(segment.Id);
                var count = segment.FieldCount;
                for (var number = 1; number <= count; number++)
                {
                    var text = segment.Field(number);
                    if (!text.IsEmpty)
                    {
                        output.Leaf(string.Create(CultureInfo.InvariantCulture, $"{segment.Id}.{number}"), text.ToString());
                    }
                }

                output.End();
            }

            output.End();
            return output.Finish();
        }
        catch (ArgumentException ex)
        {
            // XmlWriter refuses a structure id that is not an XML name.
            throw new Hl7XmlConversionException($"The structure '{structure}' (MSH-9.3) is not a valid XML element name.", ex);
        }
        catch (XmlException ex)
        {
            throw new Hl7XmlConversionException($"The structure '{structure}' (MSH-9.3) is not a valid XML element name.", ex);
        }
    }

    private static string Structure(Hl7Message message)
    {
        var header = message.Segment("MSH");
        if (header is null)
        {
            return string.Empty;
        }

        var field = header.Field(9);
        var repetition = field.IndexOf(message.Delimiters.Repetition);
        var first = repetition < 0 ? field : field[..repetition];
        return Er7Pieces.Piece(first, message.Delimiters.Component, 3).Trim().ToString();
    }
}
