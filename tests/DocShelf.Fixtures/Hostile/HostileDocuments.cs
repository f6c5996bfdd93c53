using System.IO.Compression;
using System.Text;
using DocShelf.Fixtures.Mail;
using DocShelf.Fixtures.Office;
using MimeKit;

namespace DocShelf.Fixtures.Hostile;

/// <summary>Office files, books and mail made to hurt a reader: zip bombs, entity tricks, macros, endless MIME.</summary>
public static class HostileDocuments
{
    /// <summary>A DOCX whose document part inflates from about 100 KB to 100 MB of spaces.</summary>
    public static void ZipBombDocx(string path)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        ZipParts.Add(zip, "[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
        using var stream = zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open();
        var spaces = new byte[1 << 20];
        Array.Fill(spaces, (byte)' ');
        for (var i = 0; i < 100; i++)
        {
            stream.Write(spaces);
        }
    }

    /// <summary>An OpenDocument text holding <paramref name="entries"/> empty entries beside its real parts.</summary>
    public static void ManyEntriesOdt(string path, int entries = 100_000)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        ZipParts.Add(zip, "mimetype", "application/vnd.oasis.opendocument.text", CompressionLevel.NoCompression);
        for (var i = 0; i < entries; i++)
        {
            zip.CreateEntry($"filler/{i}", CompressionLevel.NoCompression);
        }
    }

    /// <summary>
    /// An EPUB whose package declares an external entity naming /etc/passwd (and a billion-laughs expansion) and uses
    /// both in its title, and whose chapter does the same: no text of that file may reach the shelf.
    /// </summary>
    public static void EntityTrickEpub(string path)
    {
        const string Doctype = "<!DOCTYPE package [<!ENTITY secret SYSTEM \"file:///etc/passwd\"><!ENTITY a \"lol\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">" +
            "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]>";
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        ZipParts.Add(zip, "mimetype", "application/epub+zip", CompressionLevel.NoCompression);
        ZipParts.Add(zip, "META-INF/container.xml", "<?xml version=\"1.0\"?><container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\"><rootfiles><rootfile full-path=\"content.opf\" media-type=\"application/oebps-package+xml\"/></rootfiles></container>");
        ZipParts.Add(zip, "content.opf", $"<?xml version=\"1.0\"?>{Doctype}<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\"><metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>&secret;&d;</dc:title></metadata>" +
            "<manifest><item id=\"c1\" href=\"c1.xhtml\" media-type=\"application/xhtml+xml\"/></manifest><spine><itemref idref=\"c1\"/></spine></package>");
        ZipParts.Add(zip, "c1.xhtml", $"<?xml version=\"1.0\"?>{Doctype.Replace("package", "html", StringComparison.Ordinal)}<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><p>The harbour &secret; dues &d;.</p></body></html>");
    }

    /// <summary>
    /// An OpenDocument text whose Basic macro, bound to the document's opening, would write <paramref name="witness"/>
    /// if it ever ran.
    /// </summary>
    public static void MacroOdt(string path, string witness)
    {
        const string Office = "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" " +
            "xmlns:script=\"urn:oasis:names:tc:opendocument:xmlns:script:1.0\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" office:version=\"1.2\"";
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        ZipParts.Add(zip, "mimetype", "application/vnd.oasis.opendocument.text", CompressionLevel.NoCompression);
        ZipParts.Add(zip, "META-INF/manifest.xml", "<?xml version=\"1.0\"?><manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">" +
            "<manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>" +
            "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>" +
            "<manifest:file-entry manifest:full-path=\"Basic/script-lc.xml\" manifest:media-type=\"text/xml\"/>" +
            "<manifest:file-entry manifest:full-path=\"Basic/Standard/script-lb.xml\" manifest:media-type=\"text/xml\"/>" +
            "<manifest:file-entry manifest:full-path=\"Basic/Standard/Module1.xml\" manifest:media-type=\"text/xml\"/></manifest:manifest>");
        ZipParts.Add(zip, "content.xml", $"<?xml version=\"1.0\"?><office:document-content {Office}><office:scripts><office:event-listeners>" +
            "<script:event-listener script:language=\"ooo:script\" script:event-name=\"dom:load\" xlink:href=\"vnd.sun.star.script:Standard.Module1.Main?language=Basic&amp;location=document\"/>" +
            "</office:event-listeners></office:scripts><office:body><office:text><text:p>A memorandum on the harbour lamp.</text:p></office:text></office:body></office:document-content>");
        ZipParts.Add(zip, "Basic/script-lc.xml", "<?xml version=\"1.0\"?><!DOCTYPE library:libraries PUBLIC \"-//OpenOffice.org//DTD OfficeDocument 1.0//EN\" \"libraries.dtd\">" +
            "<library:libraries xmlns:library=\"http://openoffice.org/2000/library\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"><library:library library:name=\"Standard\" library:link=\"false\"/></library:libraries>");
        ZipParts.Add(zip, "Basic/Standard/script-lb.xml", "<?xml version=\"1.0\"?><!DOCTYPE library:library PUBLIC \"-//OpenOffice.org//DTD OfficeDocument 1.0//EN\" \"library.dtd\">" +
            "<library:library xmlns:library=\"http://openoffice.org/2000/library\" library:name=\"Standard\" library:readonly=\"false\" library:passwordprotected=\"false\"><library:element library:name=\"Module1\"/></library:library>");
        ZipParts.Add(zip, "Basic/Standard/Module1.xml", "<?xml version=\"1.0\"?><!DOCTYPE script:module PUBLIC \"-//OpenOffice.org//DTD OfficeDocument 1.0//EN\" \"module.dtd\">" +
            "<script:module xmlns:script=\"http://openoffice.org/2000/script\" script:name=\"Module1\" script:language=\"StarBasic\">" +
            $"Sub Main\n  Open \"{witness}\" For Output As #1\n  Print #1, \"the macro ran\"\n  Close #1\nEnd Sub\n</script:module>");
    }

    /// <summary>A message with <paramref name="parts"/> tiny attachments.</summary>
    public static MimeMessage ManyParts(int parts) =>
        MailWriter.Message("Many parts", DateTimeOffset.UnixEpoch, "A message of many parts.", false,
            [.. Enumerable.Range(1, parts).Select(i => MailWriter.Attachment($"part-{i}.txt", "text/plain", Encoding.ASCII.GetBytes($"part {i}")))]);

    /// <summary>A message whose body is multiparts nested <paramref name="depth"/> deep around one line of text.</summary>
    public static MimeMessage DeeplyNested(int depth)
    {
        MimeEntity body = new TextPart("plain") { Text = "The innermost line about the harbour." };
        for (var i = 0; i < depth; i++)
        {
            body = new Multipart("mixed") { body };
        }

        var message = MailWriter.Message("Nested", DateTimeOffset.UnixEpoch, "");
        message.Body = body;
        return message;
    }

    /// <summary>A message whose attachment's base64 is broken: stray characters, a cut-off end.</summary>
    public static string BrokenBase64(MimeMessage message)
    {
        var text = message.ToString().ReplaceLineEndings("\n");
        var start = text.IndexOf("Content-Disposition: attachment", StringComparison.Ordinal);
        var body = text.IndexOf("\n\n", start, StringComparison.Ordinal) + 2;
        return text[..body] + "JVBERi0x!!!LjQK%%%JcOkw7zDtsOf*\nnot base64 at all ~~~\nAAA" + text[text.IndexOf("\n--", body, StringComparison.Ordinal)..];
    }
}
