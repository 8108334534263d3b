using System.Text;
using Microsoft.Extensions.AI;

namespace ReasonFlux.Models.Formats;

/// <summary>
/// Turns chat messages into the prompt text an in-process model was trained on. When the last message is from the
/// assistant, the prompt ends with that text unclosed, so the model continues it (prefill); solvers use this for
/// budget forcing.
/// </summary>
public abstract record ChatFormat(string Name)
{
    /// <summary>No template: message texts joined by blank lines. For base models such as stories260K.</summary>
    public static ChatFormat Raw { get; } = new RawChatFormat();

    /// <summary>ChatML, as Qwen2/2.5 use.</summary>
    public static ChatFormat ChatMl { get; } = new ChatMlFormat();

    /// <summary>The DeepSeek-R1-Distill-Qwen format ReasonFlux-F1 uses; the assistant turn opens with <c>&lt;think&gt;</c>.</summary>
    public static ChatFormat R1Distill { get; } = new R1DistillFormat();

    /// <summary>The names <see cref="Parse"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["r1-distill", "chatml", "raw"];

    /// <summary>True when the generation prompt already opens a thinking block, so replies start inside it.</summary>
    public virtual bool OpensThinking => false;

    /// <summary>Parses a chat format's name; throws <see cref="SettingException"/> for an unknown one.</summary>
    public static ChatFormat Parse(string name) => name.ToLowerInvariant() switch
    {
        "r1-distill" or "r1" => R1Distill,
        "chatml" => ChatMl,
        "raw" => Raw,
        _ => throw SettingException.Invalid(Setting.Of<GgufModelOptions>(nameof(GgufModelOptions.ChatFormat), "chat format"), name, $"must be one of {string.Join(", ", Names)}"),
    };

    /// <summary>Renders the prompt.</summary>
    public string Render(IEnumerable<ChatMessage> messages)
    {
        var list = messages.ToList();
        string? prefill = null;
        if (list.Count > 0 && list[^1].Role == ChatRole.Assistant)
        {
            prefill = list[^1].Text;
            list.RemoveAt(list.Count - 1);
        }
        var sb = new StringBuilder();
        RenderTurns(list, sb);
        return sb.Append(prefill).ToString();
    }

    /// <summary>Writes the closed turns followed by the opening of a new assistant turn.</summary>
    protected abstract void RenderTurns(IReadOnlyList<ChatMessage> messages, StringBuilder prompt);

    private sealed record RawChatFormat() : ChatFormat("raw")
    {
        protected override void RenderTurns(IReadOnlyList<ChatMessage> messages, StringBuilder prompt) =>
            prompt.AppendJoin("\n\n", messages.Select(m => m.Text));
    }

    private sealed record ChatMlFormat() : ChatFormat("chatml")
    {
        protected override void RenderTurns(IReadOnlyList<ChatMessage> messages, StringBuilder prompt)
        {
            foreach (var m in messages)
                prompt.Append("<|im_start|>").Append(m.Role.Value).Append('\n').Append(m.Text).Append("<|im_end|>\n");
            prompt.Append("<|im_start|>assistant\n");
        }
    }

    private sealed record R1DistillFormat() : ChatFormat("r1-distill")
    {
        public override bool OpensThinking => true;

        protected override void RenderTurns(IReadOnlyList<ChatMessage> messages, StringBuilder prompt)
        {
            // System text comes first, bare; then alternating turns; assistant turns end with the end-of-sentence token.
            foreach (var m in messages.Where(m => m.Role == ChatRole.System)) prompt.Append(m.Text);
            foreach (var m in messages.Where(m => m.Role != ChatRole.System))
            {
                if (m.Role == ChatRole.Assistant) prompt.Append("<｜Assistant｜>").Append(m.Text).Append("<｜end▁of▁sentence｜>");
                else prompt.Append("<｜User｜>").Append(m.Text);
            }
            prompt.Append("<｜Assistant｜><think>\n");
        }
    }
}
