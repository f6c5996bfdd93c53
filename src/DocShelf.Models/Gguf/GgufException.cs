namespace DocShelf.Models.Gguf;

/// <summary>A GGUF file that cannot be used: not GGUF, damaged, of an architecture llama.cpp does not know, or too large for this machine.</summary>
public sealed class GgufException(string message, Exception? inner = null) : Exception(message, inner);
