using System.Text;
using IntegrationHub.Hl7;

namespace IntegrationHub.Cli.Commands;

/// <summary>One message to send: where it came from, its CR-separated text and its MSH-10.</summary>
public sealed record SendItem(string Source, string Payload, string ControlId);

/// <summary>
/// The messages named on a <c>hub send</c> command line. A directory stands for its files, by name (hidden files
/// left out). A file may hold several messages, each starting at an MSH segment (an export, or a folder written
/// by <c>hub listen</c> concatenated); segments may end in CR, LF or CRLF and are sent ending in CR with blank
/// lines dropped, as python-hl7's <c>mllp_send --loose</c> does. Everything is read before anything is sent, so an
/// unreadable input stops the run without a partial send.
/// </summary>
public static class SendInputs
{
    public static IReadOnlyList<SendItem> Read(IReadOnlyList<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var items = new List<SendItem>();
        foreach (var path in paths)
        {
            if (!Directory.Exists(path))
            {
                AddFile(path, items);
                continue;
            }

            var files = Directory.EnumerateFiles(path)
                .Where(f => !Path.GetFileName(f).StartsWith('.'))
                .Order(StringComparer.Ordinal)
                .ToList();
            if (files.Count == 0)
            {
                throw new InputException($"The directory '{path}' holds no files.");
            }

            foreach (var file in files)
            {
                AddFile(file, items);
            }
        }

        return items;
    }

    /// <summary>Splits text whose segments end in CR (LF already converted) into messages, each ending in CR.</summary>
    public static IReadOnlyList<string> Split(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var messages = new List<string>();
        StringBuilder? current = null;
        foreach (var raw in text.Split('\r'))
        {
            // A captured frame may still carry its MLLP block characters; they are never part of a segment.
            var segment = raw.Trim(['\v', '\x1c']);
            if (string.IsNullOrWhiteSpace(segment))
            {
                continue;
            }

            if (segment.StartsWith("MSH", StringComparison.Ordinal))
            {
                if (current is not null)
                {
                    messages.Add(current.ToString());
                }

                current = new StringBuilder(text.Length);
            }
            else if (current is null)
            {
                throw new InputException($"'{source}' is not an HL7 v2 message: it does not start with an MSH segment.");
            }

            current.Append(segment).Append('\r');
        }

        if (current is not null)
        {
            messages.Add(current.ToString());
        }

        return messages;
    }

    /// <summary>MSH-10 to name the message in the output; a message that does not parse is still sent, unnamed.</summary>
    private static string ControlId(string payload) =>
        Hl7Message.TryParse(payload, out var message, out _) && message is not null ? message.Get("MSH-10") : string.Empty;

    private static void AddFile(string path, List<SendItem> items)
    {
        var messages = Split(MessageFile.ReadText(path), path);
        if (messages.Count == 0)
        {
            throw new InputException($"'{path}' holds no HL7 v2 message.");
        }

        for (var i = 0; i < messages.Count; i++)
        {
            var source = messages.Count == 1 ? path : $"{path} #{i + 1}";
            items.Add(new SendItem(source, messages[i], ControlId(messages[i])));
        }
    }
}
