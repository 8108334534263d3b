namespace ReasonFlux.Training.Configs;

/// <summary>
/// The hyper-parameters of the original's two recipes (seed README: LLaMA-Factory, full fine-tuning, DeepSpeed ZeRO-3
/// offload). F1: cutoff 16384, lr 1e-5, 5 epochs, batch 1 × accumulation 2, cosine, bf16, the <c>deepseekr1</c> chat
/// template its maintainers advise. Zero (navigator): cutoff 2048, lr 2e-5, 3 epochs, batch 4 × accumulation 8, the
/// <c>qwen</c> template of its Qwen2.5-Instruct base. Keys the README does not give (warm-up, logging, saving) take the
/// values of LLaMA-Factory's own full-SFT example.
/// </summary>
internal static class TrainPresets
{
    /// <summary>The DPO learning rate: the paper gives none, and full-parameter DPO wants a rate far below SFT's.</summary>
    public const double DpoLearningRate = 5.0e-7;

    public static List<TrainSetting> Build(TrainConfigRequest request, string? deepSpeedPath)
    {
        var f1 = request.Preset == TrainPreset.F1;
        var stage = request.Stage == TrainStage.Dpo ? "dpo" : "sft";
        var preset = f1 ? "f1" : "zero";
        var list = new List<TrainSetting>();
        void Add(string section, string key, object? value) => list.Add(new TrainSetting(section, key, value));

        Add("model", "model_name_or_path", request.BaseModel);
        Add("model", "trust_remote_code", true);

        Add("method", "stage", stage);
        Add("method", "do_train", true);
        Add("method", "finetuning_type", "full");
        if (deepSpeedPath is not null) Add("method", "deepspeed", deepSpeedPath);
        if (request.Stage == TrainStage.Dpo)
        {
            Add("method", "pref_beta", 0.1);
            Add("method", "pref_loss", "sigmoid");
        }

        Add("dataset", "dataset", request.Dataset);
        if (request.DatasetDir is not null) Add("dataset", "dataset_dir", request.DatasetDir);
        Add("dataset", "template", f1 ? "deepseekr1" : "qwen");
        Add("dataset", "cutoff_len", f1 ? 16_384L : 2_048L);
        Add("dataset", "overwrite_cache", true);
        Add("dataset", "preprocessing_num_workers", 16L);

        Add("output", "output_dir", request.OutputDir ?? $"saves/{preset}-{stage}");
        Add("output", "logging_steps", 10L);
        Add("output", "save_steps", 500L);
        Add("output", "plot_loss", true);
        Add("output", "overwrite_output_dir", true);

        Add("train", "per_device_train_batch_size", f1 ? 1L : 4L);
        Add("train", "gradient_accumulation_steps", f1 ? 2L : 8L);
        Add("train", "learning_rate", request.Stage == TrainStage.Dpo ? DpoLearningRate : f1 ? 1.0e-5 : 2.0e-5);
        Add("train", "num_train_epochs", f1 ? 5.0 : 3.0);
        Add("train", "lr_scheduler_type", "cosine");
        Add("train", "warmup_ratio", 0.1);
        Add("train", "bf16", true);
        Add("train", "ddp_timeout", 180_000_000L);
        return list;
    }
}
