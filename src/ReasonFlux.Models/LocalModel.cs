using Microsoft.Extensions.AI;
using ReasonFlux.Models.Formats;

namespace ReasonFlux.Models;

/// <summary>A model loaded in process: its chat client, id (the file name), prompt format, and the weights to release.</summary>
public sealed record LocalModel(IChatClient Client, string ModelId, ChatFormat Format, IDisposable Weights);
