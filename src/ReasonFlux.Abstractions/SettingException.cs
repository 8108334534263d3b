using System.Globalization;

namespace ReasonFlux;

/// <summary>
/// A setting holds a value the library cannot use, or a needed one is missing. It carries the setting, the value and the
/// problem, so a front end names the setting its own way (<see cref="Describe"/>); the message uses plain words.
/// </summary>
public sealed class SettingException : ArgumentException
{
    private readonly Shape _shape;

    private SettingException(Setting setting, object? value, string problem, Shape shape)
        : base(Compose(shape, setting.Words, value, problem, "set the"))
    {
        Setting = setting;
        Value = value;
        Problem = problem;
        _shape = shape;
    }

    /// <summary>Creates the exception with a plain message.</summary>
    public SettingException() : this("a setting is not valid") { }

    /// <summary>Creates the exception with a plain message.</summary>
    public SettingException(string message) : this(new Setting("", "setting"), null, message, Shape.Plain) { }

    /// <summary>Creates the exception with a plain message and cause.</summary>
    public SettingException(string message, Exception inner) : base(message, inner)
    {
        Setting = new Setting("", "setting");
        Problem = message;
        _shape = Shape.Plain;
    }

    private enum Shape { Invalid, Missing, ValueNeeds, Plain }

    /// <summary>The setting at fault.</summary>
    public Setting Setting { get; }

    /// <summary>The value it holds (null when missing).</summary>
    public object? Value { get; }

    /// <summary>What is wrong, without the setting's name: "must be between 0 and 2", or why a missing one is needed.</summary>
    public string Problem { get; }

    /// <summary>True when the setting was needed but not given.</summary>
    public bool IsMissing => _shape == Shape.Missing;

    /// <summary>The message with the setting named as <paramref name="setting"/> (a flag, a key, or its words).</summary>
    /// <param name="setting">How the front end names the setting.</param>
    /// <param name="giveMissing">What the user does to give a missing setting, before its name ("pass").</param>
    public string Describe(string setting, string giveMissing) => Compose(_shape, setting, Value, Problem, giveMissing);

    /// <summary>"temperature must be between 0 and 2 (got 3)": a value that <paramref name="setting"/> cannot take.</summary>
    public static SettingException Invalid(Setting setting, object? value, string problem)
    {
        ArgumentNullException.ThrowIfNull(setting);
        return new SettingException(setting, value, problem, Shape.Invalid);
    }

    /// <summary>"2 nodes need the address of node 0: set the master address": a needed setting that was not given.</summary>
    public static SettingException Missing(Setting setting, string reason)
    {
        ArgumentNullException.ThrowIfNull(setting);
        return new SettingException(setting, null, reason, Shape.Missing);
    }

    /// <summary>"stage dpo needs a preference dataset…": a valid value that does not fit the rest of the request.</summary>
    public static SettingException Unfit(Setting setting, object value, string problem)
    {
        ArgumentNullException.ThrowIfNull(setting);
        return new SettingException(setting, value, problem, Shape.ValueNeeds);
    }

    private static string Compose(Shape shape, string setting, object? value, string problem, string giveMissing) => shape switch
    {
        Shape.Plain => problem,
        Shape.Missing => $"{problem}: {giveMissing} {setting}",
        Shape.ValueNeeds => $"{setting} {Format(value, quote: false)} {problem}",
        _ => value is null ? $"{setting} {problem}" : $"{setting} {problem} (got {Format(value, quote: true)})",
    };

    private static string Format(object? value, bool quote) => value switch
    {
        null => "",
        string s => quote ? $"'{s}'" : s,
        Enum e => e.ToString().ToLowerInvariant(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
