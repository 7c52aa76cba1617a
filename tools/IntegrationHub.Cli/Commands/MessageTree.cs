using System.Text;
using IntegrationHub.Hl7;

namespace IntegrationHub.Cli.Commands;

/// <summary>Renders a message as an indented tree, one line per non-empty element, each named by its path.</summary>
public static class MessageTree
{
    public static string Render(Hl7Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var d = message.Delimiters;
        var tree = new StringBuilder();
        var occurrences = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var segment in message.Segments)
        {
            var occurrence = occurrences[segment.Id] = occurrences.GetValueOrDefault(segment.Id) + 1;
            var name = occurrence == 1 ? segment.Id : $"{segment.Id}[{occurrence}]";
            tree.Append(name).Append('\n');
            for (var f = 1; f <= segment.FieldCount; f++)
            {
                var field = segment.Field(f);
                if (field.IsEmpty)
                {
                    continue;
                }

                var fieldName = $"{name}-{f}";
                Line(tree, 1, fieldName, field);
                if (segment.IsHeader && f <= 2)
                {
                    continue;
                }

                var repetitions = Er7Pieces.Count(field, d.Repetition);
                for (var r = 1; r <= repetitions; r++)
                {
                    var repetition = Er7Pieces.Piece(field, d.Repetition, r);
                    var repetitionName = repetitions > 1 ? $"{fieldName}({r})" : fieldName;
                    var depth = 2;
                    if (repetitions > 1 && !repetition.IsEmpty)
                    {
                        Line(tree, depth++, repetitionName, repetition);
                    }

                    Components(tree, depth, repetitionName, repetition, d);
                }
            }
        }

        return tree.ToString();
    }

    private static void Components(StringBuilder tree, int depth, string name, ReadOnlySpan<char> repetition, Hl7Delimiters d)
    {
        var components = Er7Pieces.Count(repetition, d.Component);
        var subMarker = repetition.IndexOf(d.SubComponent) >= 0;
        if (components == 1 && !subMarker)
        {
            return;
        }

        for (var c = 1; c <= components; c++)
        {
            var component = Er7Pieces.Piece(repetition, d.Component, c);
            if (component.IsEmpty)
            {
                continue;
            }

            var componentName = $"{name}.{c}";
            Line(tree, depth, componentName, component);
            var subComponents = Er7Pieces.Count(component, d.SubComponent);
            for (var s = 1; subComponents > 1 && s <= subComponents; s++)
            {
                var sub = Er7Pieces.Piece(component, d.SubComponent, s);
                if (!sub.IsEmpty)
                {
                    Line(tree, depth + 1, $"{componentName}.{s}", sub);
                }
            }
        }
    }

    private static void Line(StringBuilder tree, int depth, string name, ReadOnlySpan<char> value) =>
        tree.Append(' ', depth * 2).Append(name).Append(" = ").Append(value).Append('\n');
}
