using System.Globalization;
using IntegrationHub.Hl7.Definitions;

namespace IntegrationHub.Hl7.Validation;

/// <summary>
/// Matches a message's segment sequence against a message structure tree and reports order and cardinality errors.
/// </summary>
/// <remarks>
/// <para>
/// The matcher is greedy and never backtracks. Each node of a sequence takes as many consecutive occurrences as its
/// maximum allows; a group (or choice) is entered only when the current segment is one it can start with
/// (<see cref="StructureNode.FirstSegments"/>), and a new group instance starts whenever its first segment appears
/// again. HL7 structures are mostly designed for this: a group's first segment decides membership (the same rule
/// the HL7 v2 XML encoding uses), so ADT_A39.PATIENT, ADT_A05.PROCEDURE/INSURANCE and every ADT structure match
/// exactly. A few order and laboratory structures are ambiguous on one segment (v2.5 OMD_O03, ORD_O04, CSU_C09,
/// OMG_O19, OML_O21/O33/O35, OUL_R24; 2.3.1/2.4 SUR_P09 and others): there the greedy reading can go wrong,
/// which is why <see cref="StructureAcceptor"/> decides validity and this matcher only explains rejections.
/// </para>
/// <para>
/// When the current segment does not fit the current node the matcher looks ahead: if a later node of the
/// current sequence, a new instance of an enclosing group, or a later node of an enclosing sequence can take it,
/// the matcher moves on (reporting required nodes it passes as missing). Otherwise the segment cannot be placed
/// anywhere from here; it is reported (out of order, too many, not in the structure or unknown), skipped, and
/// matching continues from the same place. So one misplaced segment yields one error rather than a cascade.
/// A segment placed too early (before a required one) is taken as the later one's position, so the required
/// segments in between are reported missing and the skipped ones then out of order.
/// </para>
/// </remarks>
internal sealed class StructureMatcher
{
    private readonly IReadOnlyList<Hl7Segment> _segments;
    private readonly MessageStructureDefinition _structure;
    private readonly Hl7VersionDefinition _definition;
    private readonly Hl7StructureValidationOptions _options;
    private readonly ValidationErrorList _errors;
    private int _position;

    public StructureMatcher(
        IReadOnlyList<Hl7Segment> segments,
        MessageStructureDefinition structure,
        Hl7VersionDefinition definition,
        Hl7StructureValidationOptions options,
        ValidationErrorList errors)
    {
        _segments = segments;
        _structure = structure;
        _definition = definition;
        _options = options;
        _errors = errors;
    }

    public void Match()
    {
        MatchSequence(_structure.Children, _structure.Id, outer: null);

        // The root sequence reports what it cannot place; this only guards the end of the input.
        while (NextSignificant(out var id) && !_errors.IsFull)
        {
            ReportUnplaceable(id, current: null, count: 0, _structure.Id);
            _position++;
        }
    }

    private void MatchSequence(IReadOnlyList<StructureNode> children, string context, Frame? outer)
    {
        for (var i = 0; i < children.Count && !_errors.IsFull; i++)
        {
            var child = children[i];
            var count = 0;
            while (NextSignificant(out var id) && !_errors.IsFull)
            {
                if ((child.Max is null || count < child.Max) && child.FirstSegments.Contains(id))
                {
                    count++;
                    Consume(child, id, context, new Frame(children, i, count, outer));
                    continue;
                }

                if (CanMatchLater(id, children, i + 1, outer))
                {
                    break;
                }

                ReportUnplaceable(id, child, count, context);
                _position++;
            }

            if (count < child.Min && !child.CanBeAbsent)
            {
                ReportMissing(child, context);
            }
        }
    }

    private void Consume(StructureNode node, string id, string context, Frame frame)
    {
        switch (node.Kind)
        {
            case StructureNodeKind.Segment:
                _position++;
                break;
            case StructureNodeKind.Group:
                MatchSequence(node.Children, context + "." + node.Name, frame);
                break;
            default:
                // A choice takes exactly one alternative: the first that can start with this segment.
                foreach (var alternative in node.Children)
                {
                    if (alternative.FirstSegments.Contains(id))
                    {
                        Consume(alternative, id, context, frame);
                        break;
                    }
                }

                break;
        }
    }

    /// <summary>True when the segment fits a later node of this sequence or, going outwards, of an enclosing one.</summary>
    private static bool CanMatchLater(string id, IReadOnlyList<StructureNode> siblings, int start, Frame? outer)
    {
        for (var i = start; i < siblings.Count; i++)
        {
            if (siblings[i].FirstSegments.Contains(id))
            {
                return true;
            }
        }

        if (outer is null)
        {
            return false;
        }

        var enclosing = outer.Siblings[outer.Index];
        if ((enclosing.Max is null || outer.Count < enclosing.Max) && enclosing.FirstSegments.Contains(id))
        {
            return true;
        }

        return CanMatchLater(id, outer.Siblings, outer.Index + 1, outer.Outer);
    }

    /// <summary>Skips allowed Z-segments and reports whether a segment remains; <paramref name="id"/> is its id.</summary>
    private bool NextSignificant(out string id)
    {
        while (_position < _segments.Count)
        {
            id = _segments[_position].Id;
            if (!(_options.AllowZSegments && IsZSegment(id)))
            {
                return true;
            }

            _position++;
        }

        id = string.Empty;
        return false;
    }

    private void ReportUnplaceable(string id, StructureNode? current, int count, string context)
    {
        var position = _position + 1;
        if (IsZSegment(id))
        {
            _errors.Add(Hl7ValidationErrorKind.UnexpectedSegment, id, position, null, $"Z-segment {id} is not allowed (Z-segments are disabled).");
        }
        else if (!_structure.Contains(id))
        {
            if (_definition.IsKnownSegment(id))
            {
                _errors.Add(Hl7ValidationErrorKind.UnexpectedSegment, id, position, null, $"Segment {id} is not part of message structure {_structure.Id}.");
            }
            else
            {
                _errors.Add(Hl7ValidationErrorKind.UnknownSegment, id, position, null, $"Segment {id} is not defined in HL7 v{_definition.Version}.");
            }
        }
        else if (current is not null && current.FirstSegments.Contains(id) && count >= current.Max)
        {
            var what = current.IsSegment ? $"Segment {id}" : $"Group {context}.{current.Name}";
            _errors.Add(Hl7ValidationErrorKind.TooManySegments, id, position, null, $"{what} occurs more often than allowed here (at most {Count(current.Max)}).");
        }
        else
        {
            _errors.Add(Hl7ValidationErrorKind.SegmentOutOfOrder, id, position, null, $"Segment {id} is out of order: {context} does not allow it at this position.");
        }
    }

    private void ReportMissing(StructureNode node, string context)
    {
        var position = _position + 1;
        if (node.IsSegment)
        {
            _errors.Add(Hl7ValidationErrorKind.MissingSegment, node.Name, position, null, $"Required segment {node.Name} of {context} is missing.");
        }
        else
        {
            var key = KeySegment(node);
            var what = node.Kind == StructureNodeKind.Group ? $"group {context}.{node.Name}" : $"choice {node.Name} of {context}";
            _errors.Add(Hl7ValidationErrorKind.MissingSegment, key, position, null, $"Required {what} is missing ({key} expected).");
        }
    }

    /// <summary>The segment that names a missing group: its first one that cannot be absent (OBR, not an optional ORC).</summary>
    private static string KeySegment(StructureNode node)
    {
        if (node.IsSegment || node.Children.Count == 0)
        {
            return node.Name;
        }

        foreach (var child in node.Children)
        {
            if (!child.CanBeAbsent)
            {
                return KeySegment(child);
            }
        }

        return KeySegment(node.Children[0]);
    }

    private static string Count(int? max) => max?.ToString(CultureInfo.InvariantCulture) ?? "unbounded";

    internal static bool IsZSegment(string id) => id.Length == 3 && id[0] == 'Z';

    /// <summary>Where a nested sequence sits: the enclosing sequence, the node's index in it, and its occurrences so far.</summary>
    private sealed record Frame(IReadOnlyList<StructureNode> Siblings, int Index, int Count, Frame? Outer);
}
