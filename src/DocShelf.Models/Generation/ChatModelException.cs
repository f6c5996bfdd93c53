namespace DocShelf.Models.Generation;

/// <summary>
/// A local chat model that cannot be used: not a model file or folder, damaged, of an architecture its runtime does
/// not know, or too large for this machine's memory now.
/// </summary>
public sealed class ChatModelException(string message, Exception? inner = null) : Exception(message, inner);
