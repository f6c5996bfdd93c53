namespace DocShelf.Fixtures.Office;

/// <summary>Writes a document's words as the light markups mark them up: headings, emphasis, a link and a list, in each one's own syntax.</summary>
public static class MarkupWriter
{
    public static string AsciiDoc(OfficeText text) =>
        $"= {text.Title}\n{text.Author}\n:toc:\n:source-highlighter: rouge\n\n// a comment the reader never sees\n\n" +
        Body(text, heading: "== ", emphasis: s => $"*{s}*", link: s => $"https://archive.example/catalogue[{s}]") +
        "\n[NOTE]\n====\nThe *note* block keeps its words.\n====\n\n* first point of the list\n* second point of the list\n";

    public static string RestructuredText(OfficeText text) =>
        $"{new string('=', text.Title.Length)}\n{text.Title}\n{new string('=', text.Title.Length)}\n\n:Author: {text.Author}\n\n.. a comment the reader never sees\n\n" +
        Body(text, heading: null, emphasis: s => $"**{s}**", link: s => $"`{s} <https://archive.example/catalogue>`_", underline: '-') +
        ".. note::\n\n   The **note** block keeps its words.\n\n- first point of the list\n- second point of the list\n";

    public static string Org(OfficeText text) =>
        $"#+TITLE: {text.Title}\n#+AUTHOR: {text.Author}\n#+OPTIONS: toc:nil\n\n# a comment the reader never sees\n\n" +
        Body(text, heading: "* ", emphasis: s => $"*{s}*", link: s => $"[[https://archive.example/catalogue][{s}]]") +
        "#+BEGIN_QUOTE\nThe *note* block keeps its words.\n#+END_QUOTE\n\n- first point of the list\n- second point of the list\n";

    /// <summary>The words each of the markups above shows, in order.</summary>
    public static string Shown(OfficeText text, bool authorShown) =>
        $"{text.Title}\n{(authorShown ? text.Author + "\n" : "")}" + string.Join("\n", text.Pages.Select(Shown)) +
        "\nThe note block keeps its words.\nfirst point of the list\nsecond point of the list\n";

    private static string Body(OfficeText text, string? heading, Func<string, string> emphasis, Func<string, string> link, char underline = '-')
    {
        var body = new System.Text.StringBuilder();
        foreach (var page in text.Pages)
        {
            var paragraphs = OfficeText.Paragraphs(page).ToList();
            body.Append(heading is null ? $"{paragraphs[0]}\n{new string(underline, paragraphs[0].Length)}\n\n" : $"{heading}{paragraphs[0]}\n\n");
            foreach (var paragraph in paragraphs.Skip(1))
            {
                var words = paragraph.Split(' ');
                var marked = words.Length > 4
                    ? $"{emphasis(words[0])} {string.Join(' ', words[1..^2])} {link(string.Join(' ', words[^2..]))}"
                    : paragraph;
                body.Append(marked).Append("\n\n");
            }
        }

        return body.ToString();
    }

    private static string Shown(string page) => string.Join("\n", OfficeText.Paragraphs(page));
}
