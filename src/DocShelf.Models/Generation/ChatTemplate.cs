namespace DocShelf.Models.Generation;

/// <summary>
/// How a chat model expects a conversation laid out, read from the chat template its tokenizer configuration
/// carries. Instruction-tuned models answer well only in the layout they were trained on.
/// </summary>
public enum ChatTemplate
{
    /// <summary>"System: …", "User: …", "Assistant:" lines, for models without a template of their own.</summary>
    Plain,

    /// <summary>&lt;|im_start|&gt;role … &lt;|im_end|&gt; (Qwen, SmolLM, many others).</summary>
    ChatMl,

    /// <summary>&lt;|start_header_id|&gt;role&lt;|end_header_id|&gt; … &lt;|eot_id|&gt; (Llama 3).</summary>
    Llama3,

    /// <summary>&lt;|system|&gt; … &lt;|end|&gt; (Phi-3).</summary>
    Phi3,
}
