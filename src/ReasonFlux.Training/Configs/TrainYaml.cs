using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ReasonFlux.Training.Configs;

/// <summary>Writes settings as a LLaMA-Factory YAML: one block mapping, a <c>### section</c> comment before each group.</summary>
internal static class TrainYaml
{
    public static string Write(IReadOnlyList<TrainSetting> settings, string header)
    {
        using var writer = new StringWriter { NewLine = "\n" };
        var emitter = new Emitter(writer);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart());
        emitter.Emit(new Comment(header, isInline: false));
        emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, isImplicit: true, MappingStyle.Block));
        string? section = null;
        foreach (var setting in settings)
        {
            if (setting.Section != section)
            {
                section = setting.Section;
                emitter.Emit(new Comment(section, isInline: false));
            }
            emitter.Emit(new Scalar(setting.Key));
            var (text, quote) = SettingValue.Format(setting.Value);
            emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, text, quote ? ScalarStyle.DoubleQuoted : ScalarStyle.Any, isPlainImplicit: true, isQuotedImplicit: true));
        }
        emitter.Emit(new MappingEnd());
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return writer.ToString();
    }
}
