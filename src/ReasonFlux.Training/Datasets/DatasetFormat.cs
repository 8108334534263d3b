namespace ReasonFlux.Training.Datasets;

/// <summary>LLaMA-Factory's two dataset layouts (data/README.md).</summary>
public enum DatasetFormat
{
    /// <summary><c>instruction</c> / <c>input</c> / <c>output</c> (preference: <c>chosen</c> / <c>rejected</c> strings).</summary>
    Alpaca,

    /// <summary><c>conversations</c> of <c>{from: human|gpt, value}</c> (preference: <c>chosen</c> / <c>rejected</c> messages).</summary>
    ShareGpt,
}
