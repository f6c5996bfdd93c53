namespace DocShelf.Models.Embeddings;

/// <summary>How a sentence vector is made from the model's per-token outputs.</summary>
public enum Pooling
{
    /// <summary>The average of the token vectors, padding left out (most sentence-transformers models).</summary>
    Mean,

    /// <summary>The vector of the first token, [CLS].</summary>
    Cls,
}
