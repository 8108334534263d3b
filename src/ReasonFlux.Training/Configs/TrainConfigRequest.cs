namespace ReasonFlux.Training.Configs;

/// <summary>What <c>reasonflux train config</c> is asked to write.</summary>
public sealed record TrainConfigRequest
{
    /// <summary>SFT or DPO.</summary>
    public TrainStage Stage { get; init; } = TrainStage.Sft;

    /// <summary>Which of the original's recipes gives the hyper-parameters.</summary>
    public TrainPreset Preset { get; init; } = TrainPreset.F1;

    /// <summary>The base model: a Hugging Face id or a local path (<c>model_name_or_path</c>).</summary>
    public required string BaseModel { get; init; }

    /// <summary>The dataset name(s) as registered in <c>dataset_info.json</c>, comma-separated.</summary>
    public required string Dataset { get; init; }

    /// <summary>The folder holding <c>dataset_info.json</c> (<c>dataset_dir</c>). Null: LLaMA-Factory's default (<c>data</c>).</summary>
    public string? DatasetDir { get; init; }

    /// <summary>Where checkpoints go (<c>output_dir</c>). Null: <c>saves/&lt;preset&gt;-&lt;stage&gt;</c>.</summary>
    public string? OutputDir { get; init; }

    /// <summary>The DeepSpeed configuration. Default ZeRO-3 with CPU offload, as the original.</summary>
    public DeepSpeedMode DeepSpeed { get; init; } = DeepSpeedMode.Zero3Offload;

    /// <summary><c>key=value</c> overrides, applied in order after the preset.</summary>
    public IReadOnlyList<string> Overrides { get; init; } = [];

    /// <summary>GPUs per node (<c>NPROC_PER_NODE</c>). Null: LLaMA-Factory uses every visible GPU.</summary>
    public int? NprocPerNode { get; init; }

    /// <summary>Number of nodes (<c>NNODES</c>). Default 1.</summary>
    public int Nnodes { get; init; } = 1;

    /// <summary>The address of node 0 (<c>MASTER_ADDR</c>); required with more than one node.</summary>
    public string? MasterAddr { get; init; }

    /// <summary>The rendezvous port on node 0 (<c>MASTER_PORT</c>). Default 29500.</summary>
    public int MasterPort { get; init; } = 29500;
}
