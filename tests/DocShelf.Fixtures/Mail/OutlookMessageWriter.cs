using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using static DocShelf.Fixtures.Mail.CompoundFileWriter;

namespace DocShelf.Fixtures.Mail;

/// <summary>
/// Writes an Outlook message (.msg, [MS-OXMSG]): a compound file of MAPI properties (subject, body, sender, the
/// headers it was sent with), one storage per recipient and one per attachment with its name and bytes.
/// </summary>
public static class OutlookMessageWriter
{
    private const ushort Unicode = 0x001F;
    private const ushort Binary = 0x0102;
    private const ushort Integer = 0x0003;

    public static void Write(string path, string subject, DateTimeOffset sent, string body, IReadOnlyList<(string Name, byte[] Bytes)> attachments)
    {
        var headers = $"From: Josiah Penhallow <harbour.master@eastwick.example>\r\nTo: Edith Marlowe <clerk@eastwick.example>\r\n" +
            $"Subject: {subject}\r\nDate: {sent.ToString("ddd, dd MMM yyyy HH:mm:ss +0000", CultureInfo.InvariantCulture)}\r\nMIME-Version: 1.0\r\n\r\n";
        var strings = new (ushort Id, string Value)[]
        {
            (0x001A, "IPM.Note"), (0x0037, subject), (0x1000, body), (0x0C1A, "Josiah Penhallow"),
            (0x0C1F, "harbour.master@eastwick.example"), (0x0E04, "Edith Marlowe"), (0x007D, headers),
        };
        var nodes = new List<Node> { new("__properties_version1.0", Properties(32, strings, attachments.Count, [])) };
        nodes.AddRange(strings.Select(s => StringStream(s.Id, s.Value)));
        nodes.Add(new Node("__recip_version1.0_#00000000", Children:
        [
            new("__properties_version1.0", Properties(8, [(0x3001, "Edith Marlowe"), (0x39FE, "clerk@eastwick.example")], 0, [(0x0C15, 1)])),
            StringStream(0x3001, "Edith Marlowe"),
            StringStream(0x39FE, "clerk@eastwick.example"),
        ]));
        for (var i = 0; i < attachments.Count; i++)
        {
            var (name, bytes) = attachments[i];
            nodes.Add(new Node(string.Create(CultureInfo.InvariantCulture, $"__attach_version1.0_#{i:X8}"), Children:
            [
                new("__properties_version1.0", Properties(8, [(0x3707, name)], 0, [(0x3705, 1)], binary: [(0x3701, bytes.Length)])),
                StringStream(0x3707, name),
                new($"__substg1.0_3701{Binary:X4}", bytes),
            ]));
        }

        CompoundFileWriter.Write(path, nodes);
    }

    private static Node StringStream(ushort id, string value) => new($"__substg1.0_{id:X4}{Unicode:X4}", Encoding.Unicode.GetBytes(value));

    /// <summary>The property stream: a header, then 16 bytes a property (tag, flags, and the value or the size of its stream).</summary>
    private static byte[] Properties(int headerLength, IReadOnlyList<(ushort Id, string Value)> strings, int attachments, IReadOnlyList<(ushort Id, int Value)> integers, IReadOnlyList<(ushort Id, int Size)>? binary = null)
    {
        var entries = strings.Select(s => (Tag: ((uint)s.Id << 16) | Unicode, Value: (ulong)(Encoding.Unicode.GetByteCount(s.Value) + 2)))
            .Concat(integers.Select(n => (Tag: ((uint)n.Id << 16) | Integer, Value: (ulong)(uint)n.Value)))
            .Concat((binary ?? []).Select(b => (Tag: ((uint)b.Id << 16) | Binary, Value: (ulong)b.Size)))
            .ToList();
        var bytes = new byte[headerLength + (16 * entries.Count)];
        if (headerLength == 32)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), 1); // next recipient id
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(12), (uint)attachments); // next attachment id
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(16), 1); // recipients
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(20), (uint)attachments);
        }

        for (var i = 0; i < entries.Count; i++)
        {
            var entry = bytes.AsSpan(headerLength + (16 * i), 16);
            BinaryPrimitives.WriteUInt32LittleEndian(entry, entries[i].Tag);
            BinaryPrimitives.WriteUInt32LittleEndian(entry[4..], 6); // readable, writable
            BinaryPrimitives.WriteUInt64LittleEndian(entry[8..], entries[i].Value);
        }

        return bytes;
    }
}
