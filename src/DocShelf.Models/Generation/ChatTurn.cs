namespace DocShelf.Models.Generation;

/// <summary>One message of a conversation: who speaks ("system", "user" or "assistant") and what they say.</summary>
public sealed record ChatTurn(string Role, string Text);
