using DocShelf.Core.Documents;
using DocShelf.Fixtures.Office;
using DocShelf.Fixtures.Testing;

namespace DocShelf.Ingestion.Tests.Formats;

/// <summary>
/// Every office, web, markup and text format read as its own program shows it: DocShelf's text of each file is held
/// to the words the file was written with and to a reference reader DocShelf does not contain.
/// </summary>
public sealed class FormatReadingTests(FormatShelf shelf, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<FormatShelf>
{
    /// <summary>In-order word accuracy every format must reach against what it shows and against its reference reader.</summary>
    private const double Required = 0.98;

    public static TheoryData<FileKind, string> EveryFile => new()
    {
        { FileKind.Docx, ".docx" }, { FileKind.Doc, ".doc" }, { FileKind.Rtf, ".rtf" }, { FileKind.Odt, ".odt" },
        { FileKind.Pptx, ".pptx" }, { FileKind.Ppt, ".ppt" }, { FileKind.Odp, ".odp" },
        { FileKind.Xlsx, ".xlsx" }, { FileKind.Xls, ".xls" }, { FileKind.Ods, ".ods" },
        { FileKind.DelimitedText, ".csv" }, { FileKind.DelimitedText, ".tsv" },
        { FileKind.Html, ".html" }, { FileKind.Epub, ".epub" },
        { FileKind.Email, ".eml" }, { FileKind.OutlookMessage, ".msg" }, { FileKind.Mbox, ".mbox" },
        { FileKind.Markdown, ".md" }, { FileKind.AsciiDoc, ".adoc" }, { FileKind.ReStructuredText, ".rst" }, { FileKind.Org, ".org" },
        { FileKind.PlainText, "windows-1252.txt" }, { FileKind.PlainText, "latin-1.txt" }, { FileKind.PlainText, "utf-16.txt" },
    };

    [Theory]
    [MemberData(nameof(EveryFile))]
    public void Every_format_is_judged_from_its_bytes_and_read_as_the_words_it_shows(FileKind kind, string suffix)
    {
        var sample = shelf.Sample(kind, suffix);
        var record = shelf.Record(sample);

        Assert.Equal(kind, record.Kind);
        var accuracy = WordAccuracy.Of(sample.Text, shelf.Text(sample));
        Assert.True(accuracy >= Required, $"{suffix}: {accuracy:0.000}\n{shelf.Text(sample)}");
    }

    [Theory]
    [InlineData(".docx")]
    [InlineData(".doc")]
    [InlineData(".rtf")]
    [InlineData(".odt")]
    public async Task Word_processing_documents_read_as_LibreOffice_exports_their_text_a_page_for_each_page(string suffix)
    {
        var sample = shelf.Samples.First(s => s.Path.EndsWith(suffix, StringComparison.Ordinal));
        var reference = await ReferenceReaders.LibreOfficeTextAsync(sample.Path, shelf.ReferenceProfile, shelf.Scratch("text" + suffix));

        var accuracy = WordAccuracy.Of(reference, shelf.Text(sample));
        output.WriteLine($"{suffix} against LibreOffice's text export: {accuracy:0.000}");
        Assert.True(accuracy >= Required, $"{suffix}: {accuracy:0.000}");
        Assert.Equal(2, shelf.Record(sample).PageCount);
    }

    [Theory]
    [InlineData(".pptx")]
    [InlineData(".ppt")]
    [InlineData(".odp")]
    public async Task A_presentation_is_a_page_a_slide_kept_for_the_viewer_as_laid_out_and_read_as_pdftotext_reads_LibreOffice_s_pdf(string suffix)
    {
        var sample = shelf.Samples.First(s => s.Path.EndsWith(suffix, StringComparison.Ordinal));
        var reference = await ReferenceReaders.LibreOfficePdfTextAsync(sample.Path, shelf.ReferenceProfile, shelf.Scratch("slides" + suffix));
        var record = shelf.Record(sample);

        Assert.Equal(2, record.PageCount);
        output.WriteLine($"{suffix} against pdftotext of soffice's PDF: {WordAccuracy.Of(reference, shelf.Text(sample)):0.000}");
        Assert.True(WordAccuracy.Of(reference, shelf.Text(sample)) >= Required, shelf.Text(sample));
        Assert.All(shelf.Pages(sample), page => Assert.NotEmpty(page.Words));
        // The viewer draws the slides from the PDF LibreOffice laid them out as, kept in the data folder.
        var laidOut = shelf.Shelf.Shelf.PageSources.Find(record.Id);
        Assert.NotNull(laidOut);
        var (info, _) = await Pdf.PdfInfoReader.OpenAsync(laidOut, [], Tools.ToolLimits.Default, CancellationToken.None);
        Assert.Equal(2, info.PageCount);
    }

    [Theory]
    [InlineData(".xlsx")]
    [InlineData(".xls")]
    [InlineData(".ods")]
    public async Task A_workbook_is_read_sheet_by_sheet_as_LibreOffice_exports_each_sheet_with_the_sheet_named(string suffix)
    {
        var sample = shelf.Samples.First(s => s.Path.EndsWith(suffix, StringComparison.Ordinal));
        var sheets = await ReferenceReaders.LibreOfficeSheetsAsync(sample.Path, shelf.ReferenceProfile, shelf.Scratch("sheets" + suffix));
        var pages = shelf.Pages(sample);

        Assert.Equal(SheetText.Ledger.Select(s => s.Name), pages.Select(p => p.Label));
        Assert.Equal(SheetText.Ledger.Select(s => s.Name).Order(), sheets.Keys.Order());
        output.WriteLine($"{suffix} against LibreOffice's CSV export, lowest sheet: {pages.Min(p => WordAccuracy.Of(sheets[p.Label!], p.Text)):0.000}");
        Assert.All(pages, page => Assert.True(WordAccuracy.Of(sheets[page.Label!], page.Text) >= Required, $"{page.Label}: {page.Text}"));
    }

    [Theory]
    [InlineData(".csv")]
    [InlineData(".tsv")]
    public async Task Delimited_values_are_read_as_Python_s_csv_module_reads_them(string suffix)
    {
        var sample = shelf.Samples.First(s => s.Path.EndsWith(suffix, StringComparison.Ordinal));
        var reference = await ReferenceReaders.PythonCsvAsync(sample.Path);

        output.WriteLine($"{suffix} against Python's csv: {WordAccuracy.Of(reference, shelf.Text(sample)):0.000}");
        Assert.Equal(WordAccuracy.Words(reference), WordAccuracy.Words(shelf.Text(sample)));
    }

    [Theory]
    [InlineData(".html", "html")]
    [InlineData(".epub", "epub")]
    [InlineData(".md", "markdown")]
    [InlineData(".rst", "rst")]
    [InlineData(".org", "org")]
    public async Task Web_pages_books_and_markup_read_as_pandoc_renders_them_as_plain_text(string suffix, string format)
    {
        var sample = shelf.Samples.First(s => s.Path.EndsWith(suffix, StringComparison.Ordinal));
        var reference = await ReferenceReaders.PandocAsync(sample.Path, format, standalone: format == "org");

        var accuracy = WordAccuracy.Of(reference, shelf.Text(sample));
        output.WriteLine($"{suffix} against pandoc: {accuracy:0.000}");
        Assert.True(accuracy >= Required, $"{suffix}: {accuracy:0.000}\n--- pandoc\n{reference}\n--- DocShelf\n{shelf.Text(sample)}");
    }

    [Theory]
    [InlineData("windows-1252.txt", "WINDOWS-1252")]
    [InlineData("latin-1.txt", "LATIN1")]
    [InlineData("utf-16.txt", "UTF-16")]
    public async Task Text_in_a_legacy_encoding_reads_as_iconv_decodes_it(string suffix, string encoding)
    {
        var sample = shelf.Samples.First(s => s.Path.EndsWith(suffix, StringComparison.Ordinal));
        var reference = await ReferenceReaders.IconvAsync(sample.Path, encoding);

        output.WriteLine($"{suffix} against iconv: {WordAccuracy.Of(reference.TrimStart('\uFEFF'), shelf.Text(sample)):0.000}");
        Assert.Equal(WordAccuracy.Words(reference.TrimStart('\uFEFF')), WordAccuracy.Words(shelf.Text(sample)));
    }

    [Fact]
    public void A_web_page_s_scripts_styles_hidden_parts_and_inline_image_bytes_are_never_text_on_the_shelf()
    {
        var text = shelf.Text(shelf.Sample(FileKind.Html));

        Assert.DoesNotContain("scriptwords", text, StringComparison.Ordinal);
        Assert.DoesNotContain("fetch(", text, StringComparison.Ordinal);
        Assert.DoesNotContain("font-family", text, StringComparison.Ordinal);
        Assert.DoesNotContain("hiddenwords", text, StringComparison.Ordinal);
        Assert.DoesNotContain("noscriptwords", text, StringComparison.Ordinal);
        Assert.DoesNotContain(HtmlWriter.InlineImage[..20], text, StringComparison.Ordinal);
        Assert.Empty(shelf.Shelf.Shelf.Searcher.Search("iVBORw0KGgo", 5));
    }

    [Theory]
    [InlineData(".docx")]
    [InlineData(".odt")]
    [InlineData(".pptx")]
    [InlineData(".odp")]
    [InlineData(".html")]
    [InlineData(".epub")]
    public void An_office_file_s_web_page_s_or_book_s_own_title_and_author_are_kept(string suffix)
    {
        var sample = shelf.Samples.First(s => s.Path.EndsWith(suffix, StringComparison.Ordinal));
        var record = shelf.Record(sample);

        Assert.Equal(sample.Title, record.Title);
        Assert.Equal("Edith Marlowe", record.Author);
    }

    [Fact]
    public void A_hit_in_a_workbook_cites_the_sheet_it_is_on()
    {
        var hits = shelf.Shelf.Shelf.Searcher.Search("Samuel Hocking breakwater", 20);
        var xlsx = shelf.Record(shelf.Sample(FileKind.Xlsx));

        var hit = Assert.Single(hits, h => h.DocumentId == xlsx.Id);
        Assert.Equal(2, hit.Page);
        Assert.Equal("Lighthouse keepers", hit.PageLabel);
    }

    [Fact]
    public void A_book_is_read_a_chapter_a_page_labelled_with_the_chapter_s_heading_and_dated_by_its_package()
    {
        var sample = shelf.Sample(FileKind.Epub);
        var pages = shelf.Pages(sample);

        Assert.Equal(FormatSamples.Text(0).Pages.Select(p => OfficeText.Paragraphs(p).First()), pages.Select(p => p.Label));
        Assert.Equal("1902-06-14", shelf.Record(sample).Dated);
    }
}
