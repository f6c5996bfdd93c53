using System.Globalization;
using System.Text;
using DocShelf.Core.Documents;
using DocShelf.Fixtures.Mail;

namespace DocShelf.Fixtures.Office;

/// <summary>
/// A folder with a file of every format DocShelf reads beyond PDF and scans, each with the words it shows: Word,
/// OpenDocument and PowerPoint files written by the Open XML SDK or as zips of XML, their legacy forms (DOC, XLS, PPT,
/// RTF) made by LibreOffice, web pages, an EPUB, light markup, delimited values and text in legacy encodings.
/// </summary>
public static class FormatSamples
{
    private static readonly string[] Sources =
    [
        "harbour-commission-report.txt", "river-survey-letters.txt", "council-minutes-1911.txt", "lighthouse-keeper-log.txt",
        "parish-register-notes.txt", "orchard-society-newsletter.txt", "mill-accounts.txt",
    ];

    static FormatSamples() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Writes <paramref name="copies"/> sets of every format into <paramref name="folder"/>, each set from other prose.</summary>
    /// <param name="profileFolder">A LibreOffice profile for making the legacy files.</param>
    public static async Task<IReadOnlyList<FormatSample>> WriteAsync(string folder, string profileFolder, int copies = 1)
    {
        Directory.CreateDirectory(folder);
        var samples = new List<FormatSample>();
        var forLegacy = new List<(FormatSample Source, string Format, FileKind Kind)>();
        for (var copy = 0; copy < copies; copy++)
        {
            var text = Text(copy);
            var name = Path.Combine(folder, $"sample-{copy:D3}");
            samples.AddRange(WriteModern(name, text, copy));
            forLegacy.Add((samples.Single(s => s.Path == name + ".docx"), "doc", FileKind.Doc));
            forLegacy.Add((samples.Single(s => s.Path == name + ".docx"), "rtf", FileKind.Rtf));
            forLegacy.Add((samples.Single(s => s.Path == name + ".xlsx"), "xls", FileKind.Xls));
            forLegacy.Add((samples.Single(s => s.Path == name + ".pptx"), "ppt", FileKind.Ppt));
        }

        foreach (var group in forLegacy.GroupBy(l => (l.Format, l.Kind)))
        {
            var written = await LegacyOffice.ConvertAsync([.. group.Select(l => l.Source.Path)], group.Key.Format, folder, profileFolder);
            samples.AddRange(group.Zip(written, (legacy, path) => legacy.Source with { Path = path, Kind = group.Key.Kind }));
        }

        return samples;
    }

    /// <summary>The prose of set <paramref name="copy"/>: two pages of one sample text, titled so every set's bytes differ.</summary>
    public static OfficeText Text(int copy)
    {
        var source = Sources[copy % Sources.Length];
        var pages = SampleTexts.Pages(source);
        var title = string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileNameWithoutExtension(source).Replace('-', ' ')} number {copy + 1}");
        return new OfficeText(title, "Edith Marlowe", [.. pages.Take(2)]);
    }

    private static IEnumerable<FormatSample> WriteModern(string name, OfficeText text, int copy)
    {
        var words = $"{text.Title}\n{text.AllText}";
        DocxWriter.Write(name + ".docx", text);
        OpenDocumentWriter.WriteText(name + ".odt", text);
        PptxWriter.Write(name + ".pptx", text);
        OpenDocumentWriter.WritePresentation(name + ".odp", text);
        yield return new FormatSample(name + ".docx", FileKind.Docx, text.AllText, text.Title);
        yield return new FormatSample(name + ".odt", FileKind.Odt, text.AllText, text.Title);
        yield return new FormatSample(name + ".pptx", FileKind.Pptx, text.AllText, text.Title);
        yield return new FormatSample(name + ".odp", FileKind.Odp, text.AllText, text.Title);

        var sheets = Ledger(copy);
        XlsxWriter.Write(name + ".xlsx", sheets);
        OpenDocumentWriter.WriteSpreadsheet(name + ".ods", text.Title, sheets);
        var cells = string.Join("\n", sheets.SelectMany(s => s.Rows).Select(r => string.Join(' ', r)));
        yield return new FormatSample(name + ".xlsx", FileKind.Xlsx, cells);
        yield return new FormatSample(name + ".ods", FileKind.Ods, cells, text.Title);

        var rows = sheets[0].Rows.Append(["Note", "\"Quoted, with a comma\"", "1", "2"]).ToList();
        File.WriteAllText(name + ".csv", string.Join("\r\n", rows.Select(r => string.Join(',', r))));
        File.WriteAllText(name + "-tabs.tsv", string.Join("\n", sheets[0].Rows.Select(r => string.Join('\t', r))));
        yield return new FormatSample(name + ".csv", FileKind.DelimitedText, string.Join("\n", rows.Select(r => string.Join(' ', r).Replace("\"", "", StringComparison.Ordinal))));
        yield return new FormatSample(name + "-tabs.tsv", FileKind.DelimitedText, string.Join("\n", sheets[0].Rows.Select(r => string.Join(' ', r))));

        File.WriteAllText(name + ".html", HtmlWriter.Page(text));
        EpubWriter.Write(name + ".epub", text, [.. text.Pages.Select(p => OfficeText.Paragraphs(p).First())]);
        yield return new FormatSample(name + ".html", FileKind.Html, HtmlWriter.Shown(text), text.Title);
        yield return new FormatSample(name + ".epub", FileKind.Epub, text.AllText, text.Title);

        foreach (var mail in MailSamples(name, text, copy))
        {
            yield return mail;
        }

        File.WriteAllText(name + ".md", $"# {text.Title}\n\n" + string.Join("\n\n", text.Pages.Select(p => "## " + p.Trim())));
        File.WriteAllText(name + ".adoc", MarkupWriter.AsciiDoc(text));
        File.WriteAllText(name + ".rst", MarkupWriter.RestructuredText(text));
        File.WriteAllText(name + ".org", MarkupWriter.Org(text));
        yield return new FormatSample(name + ".md", FileKind.Markdown, words);
        yield return new FormatSample(name + ".adoc", FileKind.AsciiDoc, MarkupWriter.Shown(text, authorShown: true));
        yield return new FormatSample(name + ".rst", FileKind.ReStructuredText, MarkupWriter.Shown(text, authorShown: true));
        yield return new FormatSample(name + ".org", FileKind.Org, MarkupWriter.Shown(text, authorShown: true));

        foreach (var (suffix, encoding, line) in Encodings)
        {
            var accented = $"{text.Title}\n{line}\n{text.AllText}";
            File.WriteAllBytes($"{name}-{suffix}.txt", [.. encoding.GetPreamble(), .. encoding.GetBytes(accented)]);
            yield return new FormatSample($"{name}-{suffix}.txt", FileKind.PlainText, accented);
        }
    }

    /// <summary>
    /// An e-mail and an Outlook message with the second page attached as a text file, and a mailbox of three messages;
    /// the words each shows are its header lines, its body and the list of its attachments (a mailbox: its list of messages).
    /// </summary>
    private static IEnumerable<FormatSample> MailSamples(string name, OfficeText text, int copy)
    {
        var sent = new DateTimeOffset(1894, 3, 2, 10, 15, 0, TimeSpan.Zero).AddDays(copy);
        var attachment = (Name: "second page.txt", Bytes: Encoding.UTF8.GetBytes(text.Pages[^1]));
        var message = MailWriter.Message(text.Title, sent, text.Pages[0], false, MailWriter.Attachment(attachment.Name, "text/plain", attachment.Bytes));
        MailWriter.Write(name + ".eml", message);
        var date = message.Headers[MimeKit.HeaderId.Date];
        var shown = $"From: {message.From}\nTo: {message.To}\nDate: {date}\nSubject: {text.Title}\n{text.Pages[0]}\nAttachments:\n1. {attachment.Name}";
        yield return new FormatSample(name + ".eml", FileKind.Email, shown, text.Title);

        OutlookMessageWriter.Write(name + ".msg", text.Title, sent, text.Pages[0], [attachment]);
        yield return new FormatSample(name + ".msg", FileKind.OutlookMessage, shown, text.Title);

        var messages = Enumerable.Range(1, 3).Select(i => MailWriter.Message($"{text.Title}, letter {i}", sent.AddDays(i), text.Pages[0])).ToList();
        MailWriter.WriteMailbox(name + ".mbox", messages);
        var listed = messages.Select((m, i) => $"{i + 1}. {m.Date:yyyy-MM-dd} {m.From} {m.Subject}");
        yield return new FormatSample(name + ".mbox", FileKind.Mbox, string.Join("\n", listed));
    }

    /// <summary>Legacy encodings, each with a line of the characters it has and the others lack or place elsewhere.</summary>
    private static (string Name, Encoding Encoding, string Line)[] Encodings =>
    [
        ("windows-1252", Encoding.GetEncoding(1252), "“The Café’s naïve façade” – €5 paid to the señora on the quay."),
        ("latin-1", Encoding.Latin1, "Café de la Gare, naïve façade, £5 paid to the señora on the quay."),
        ("utf-16", Encoding.Unicode, "Καλημέρα: the Greek ship’s master paid 5 drachmae."),
    ];

    /// <summary>The harbour ledger with a row that differs in every set.</summary>
    private static IReadOnlyList<SheetText> Ledger(int copy) =>
    [
        SheetText.Ledger[0] with { Rows = [.. SheetText.Ledger[0].Rows, ["Pilot cutter Number " + (copy + 1).ToString(CultureInfo.InvariantCulture), "John Rowe", "18", "1.5"]] },
        SheetText.Ledger[1],
    ];
}
