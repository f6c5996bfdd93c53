using System.Security;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;

namespace DocShelf.Fixtures.Office;

/// <summary>
/// Writes a PowerPoint presentation with the Open XML SDK's packaging: a slide per page of text, each a title and a
/// text box, on the one master, layout and theme PresentationML requires. The parts' XML is written out here, since
/// the SDK's typed model of a theme alone runs to hundreds of lines.
/// </summary>
public static class PptxWriter
{
    private const string Namespaces =
        "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" " +
        "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" " +
        "xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\"";

    private const string EmptyTree =
        "<p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id=\"1\" name=\"\"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/></p:spTree></p:cSld>";

    private const string ColourMap =
        "<p:clrMap bg1=\"lt1\" tx1=\"dk1\" bg2=\"lt2\" tx2=\"dk2\" accent1=\"accent1\" accent2=\"accent2\" accent3=\"accent3\" " +
        "accent4=\"accent4\" accent5=\"accent5\" accent6=\"accent6\" hlink=\"hlink\" folHlink=\"folHlink\"/>";

    private static readonly string[] SchemeColours = ["dk1", "lt1", "dk2", "lt2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6", "hlink", "folHlink"];

    public static void Write(string path, OfficeText text)
    {
        using var document = PresentationDocument.Create(path, PresentationDocumentType.Presentation);
        document.PackageProperties.Title = text.Title;
        document.PackageProperties.Creator = text.Author;
        var presentation = document.AddPresentationPart();
        var master = presentation.AddNewPart<SlideMasterPart>();
        var layout = master.AddNewPart<SlideLayoutPart>();
        layout.AddPart(master);
        var theme = master.AddNewPart<ThemePart>();
        presentation.AddPart(theme);
        Feed(theme, Theme);
        Feed(layout, $"<p:sldLayout {Namespaces}>{EmptyTree}</p:sldLayout>");
        Feed(master, $"<p:sldMaster {Namespaces}>{EmptyTree}{ColourMap}<p:sldLayoutIdLst><p:sldLayoutId id=\"2147483649\" r:id=\"{master.GetIdOfPart(layout)}\"/></p:sldLayoutIdLst></p:sldMaster>");
        var slides = new StringBuilder();
        for (var i = 0; i < text.Pages.Count; i++)
        {
            var slide = presentation.AddNewPart<SlidePart>();
            slide.AddPart(layout);
            var (title, body) = OfficeText.Slide(text.Pages[i]);
            Feed(slide, Slide(title, body));
            slides.Append($"<p:sldId id=\"{256 + i}\" r:id=\"{presentation.GetIdOfPart(slide)}\"/>");
        }

        Feed(presentation,
            $"<p:presentation {Namespaces}><p:sldMasterIdLst><p:sldMasterId id=\"2147483648\" r:id=\"{presentation.GetIdOfPart(master)}\"/></p:sldMasterIdLst>" +
            $"<p:sldIdLst>{slides}</p:sldIdLst><p:sldSz cx=\"9144000\" cy=\"6858000\"/><p:notesSz cx=\"6858000\" cy=\"9144000\"/></p:presentation>");
    }

    private static string Slide(string title, IEnumerable<string> body) =>
        $"<p:sld {Namespaces}><p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id=\"1\" name=\"\"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>" +
        (title.Length > 0 ? TextBox(2, "Title", 457200, 274638, 8229600, 1143000, 2800, [title]) : "") +
        TextBox(3, "Text", 457200, 1600200, 8229600, 4525963, 1200, body) +
        "</p:spTree></p:cSld></p:sld>";

    private static string TextBox(int id, string name, long x, long y, long width, long height, int size, IEnumerable<string> paragraphs) =>
        $"<p:sp><p:nvSpPr><p:cNvPr id=\"{id}\" name=\"{name}\"/><p:cNvSpPr txBox=\"1\"/><p:nvPr/></p:nvSpPr>" +
        $"<p:spPr><a:xfrm><a:off x=\"{x}\" y=\"{y}\"/><a:ext cx=\"{width}\" cy=\"{height}\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></p:spPr>" +
        "<p:txBody><a:bodyPr wrap=\"square\"><a:normAutofit/></a:bodyPr><a:lstStyle/>" +
        string.Concat(paragraphs.Select(p => $"<a:p><a:r><a:rPr lang=\"en-GB\" sz=\"{size}\"/><a:t>{SecurityElement.Escape(p)}</a:t></a:r></a:p>")) +
        "</p:txBody></p:sp>";

    private static void Feed(OpenXmlPart part, string xml)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>" + xml));
        part.FeedData(stream);
    }

    private static string Theme =>
        "<a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" name=\"Plain\"><a:themeElements>" +
        "<a:clrScheme name=\"Plain\">" + string.Concat(SchemeColours
            .Select((name, i) => $"<a:{name}><a:srgbClr val=\"{(i % 2 == 0 ? "000000" : "FFFFFF")}\"/></a:{name}>")) + "</a:clrScheme>" +
        "<a:fontScheme name=\"Plain\"><a:majorFont><a:latin typeface=\"DejaVu Sans\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/></a:majorFont>" +
        "<a:minorFont><a:latin typeface=\"DejaVu Sans\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/></a:minorFont></a:fontScheme>" +
        "<a:fmtScheme name=\"Plain\">" +
        "<a:fillStyleLst>" + Repeat("<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>") + "</a:fillStyleLst>" +
        "<a:lnStyleLst>" + Repeat("<a:ln w=\"9525\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:ln>") + "</a:lnStyleLst>" +
        "<a:effectStyleLst>" + Repeat("<a:effectStyle><a:effectLst/></a:effectStyle>") + "</a:effectStyleLst>" +
        "<a:bgFillStyleLst>" + Repeat("<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>") + "</a:bgFillStyleLst>" +
        "</a:fmtScheme></a:themeElements></a:theme>";

    private static string Repeat(string style) => style + style + style;
}
