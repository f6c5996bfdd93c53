using System.Text;

namespace DocShelf.Models.Generation;

/// <summary>Lays a conversation out as one prompt in a model's chat template, ending where the assistant's answer begins.</summary>
public static class ChatPrompt
{
    public static string Format(ChatTemplate template, IEnumerable<ChatTurn> turns)
    {
        var prompt = new StringBuilder(template == ChatTemplate.Llama3 ? "<|begin_of_text|>" : "");
        foreach (var turn in turns)
        {
            var role = turn.Role.ToLowerInvariant();
            prompt.Append(template switch
            {
                ChatTemplate.ChatMl => $"<|im_start|>{role}\n{turn.Text}<|im_end|>\n",
                ChatTemplate.Llama3 => $"<|start_header_id|>{role}<|end_header_id|>\n\n{turn.Text}<|eot_id|>",
                ChatTemplate.Phi3 => $"<|{role}|>\n{turn.Text}<|end|>\n",
                _ => $"{char.ToUpperInvariant(role[0])}{role[1..]}: {turn.Text}\n\n",
            });
        }

        prompt.Append(template switch
        {
            ChatTemplate.ChatMl => "<|im_start|>assistant\n",
            ChatTemplate.Llama3 => "<|start_header_id|>assistant<|end_header_id|>\n\n",
            ChatTemplate.Phi3 => "<|assistant|>\n",
            _ => "Assistant:",
        });
        return prompt.ToString();
    }

    /// <summary>What marks the end of the assistant's turn: a special token for templated models, the next speaker for plain ones.</summary>
    public static string EndOfTurn(ChatTemplate template) => template switch
    {
        ChatTemplate.ChatMl => "<|im_end|>",
        ChatTemplate.Llama3 => "<|eot_id|>",
        ChatTemplate.Phi3 => "<|end|>",
        _ => "\nUser:",
    };

    /// <summary>The template a Hugging Face chat_template (Jinja) text describes, by the markers it uses.</summary>
    public static ChatTemplate Recognise(string? jinja) => jinja switch
    {
        null => ChatTemplate.Plain,
        _ when jinja.Contains("<|im_start|>", StringComparison.Ordinal) => ChatTemplate.ChatMl,
        _ when jinja.Contains("<|start_header_id|>", StringComparison.Ordinal) => ChatTemplate.Llama3,
        _ when jinja.Contains("<|assistant|>", StringComparison.Ordinal) && jinja.Contains("<|end|>", StringComparison.Ordinal) => ChatTemplate.Phi3,
        _ => ChatTemplate.Plain,
    };
}
