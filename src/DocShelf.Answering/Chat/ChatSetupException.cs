namespace DocShelf.Answering.Chat;

/// <summary>The chat backend named in the settings cannot be set up; the message says why and what to change.</summary>
public sealed class ChatSetupException(string message, Exception? inner = null) : Exception(message, inner);
