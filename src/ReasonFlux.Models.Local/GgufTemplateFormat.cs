using System.Text;
using Microsoft.Extensions.AI;

namespace ReasonFlux.Models.Local;

/// <summary>A GGUF's embedded Jinja chat template, rendered by llama.cpp's own template matcher.</summary>
internal sealed record GgufTemplateFormat(string Template) : ChatFormat("gguf")
{
    /// <summary>
    /// The format for a GGUF's embedded template: the two families ReasonFlux runs are recognised by their markers and
    /// rendered exactly; anything else goes through llama.cpp.
    /// </summary>
    public static ChatFormat For(string template) =>
        template.Contains("<｜Assistant｜>", StringComparison.Ordinal) ? R1Distill
        : template.Contains("<|im_start|>", StringComparison.Ordinal) ? ChatMl
        : new GgufTemplateFormat(template);

    protected override void RenderTurns(IReadOnlyList<ChatMessage> messages, StringBuilder prompt)
    {
        var template = new LLama.LLamaTemplate(Template) { AddAssistant = true };
        foreach (var m in messages) template.Add(m.Role.Value, m.Text);
        prompt.Append(Encoding.UTF8.GetString(template.Apply()));
    }
}
