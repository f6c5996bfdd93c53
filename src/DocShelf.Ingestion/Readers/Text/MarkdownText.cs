using Markdig;

namespace DocShelf.Ingestion.Readers.Text;

/// <summary>Markdown as the text it renders to (Markdig, CommonMark with the usual extensions: tables, footnotes, lists of tasks).</summary>
public static class MarkdownText
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    public static string ToPlain(string markdown) => Markdown.ToPlainText(markdown, Pipeline);
}
