namespace DocShelf.Search.Vectors;

/// <summary>How vectors are kept on disk: full precision, or smaller at a measured cost in recall.</summary>
public enum VectorEncoding
{
    /// <summary>4 bytes a dimension, exact.</summary>
    Full,

    /// <summary>2 bytes a dimension (IEEE half precision).</summary>
    Half,

    /// <summary>1 byte a dimension plus one scale per vector (symmetric linear quantisation).</summary>
    Bytes,
}
