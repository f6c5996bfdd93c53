namespace DocShelf.Models.Library;

/// <summary>What a model does on the shelf.</summary>
public enum ModelKind
{
    Embedding,
    Ocr,
    Chat,
}
