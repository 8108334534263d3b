using System.Text.Json.Nodes;

namespace ReasonFlux.Training.Configs;

/// <summary>
/// The DeepSpeed JSON for LLaMA-Factory. Batch sizes, accumulation, clipping and precision are "auto": the Hugging Face
/// trainer fills them from the YAML, so the two files cannot disagree.
/// </summary>
internal static class DeepSpeedConfig
{
    /// <summary>The file name written beside the YAML.</summary>
    public static string FileName(DeepSpeedMode mode) => mode switch
    {
        DeepSpeedMode.Zero3Offload => "ds_z3_offload_config.json",
        DeepSpeedMode.Zero3 => "ds_z3_config.json",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "no DeepSpeed file for this mode"),
    };

    public static JsonObject Build(DeepSpeedMode mode)
    {
        var zero = new JsonObject
        {
            ["stage"] = 3,
            ["overlap_comm"] = false,
            ["contiguous_gradients"] = true,
            ["sub_group_size"] = 1e9,
            ["reduce_bucket_size"] = "auto",
            ["stage3_prefetch_bucket_size"] = "auto",
            ["stage3_param_persistence_threshold"] = "auto",
            ["stage3_max_live_parameters"] = 1e9,
            ["stage3_max_reuse_distance"] = 1e9,
            // Without this a ZeRO-3 checkpoint holds only shards and cannot be loaded as a normal model.
            ["stage3_gather_16bit_weights_on_model_save"] = true,
        };
        if (mode == DeepSpeedMode.Zero3Offload)
        {
            zero["offload_optimizer"] = new JsonObject { ["device"] = "cpu", ["pin_memory"] = true };
            zero["offload_param"] = new JsonObject { ["device"] = "cpu", ["pin_memory"] = true };
        }
        return new JsonObject
        {
            ["train_batch_size"] = "auto",
            ["train_micro_batch_size_per_gpu"] = "auto",
            ["gradient_accumulation_steps"] = "auto",
            ["gradient_clipping"] = "auto",
            ["zero_allow_untested_optimizer"] = true,
            ["fp16"] = new JsonObject
            {
                ["enabled"] = "auto",
                ["loss_scale"] = 0,
                ["loss_scale_window"] = 1000,
                ["initial_scale_power"] = 16,
                ["hysteresis"] = 2,
                ["min_loss_scale"] = 1,
            },
            ["bf16"] = new JsonObject { ["enabled"] = "auto" },
            ["zero_optimization"] = zero,
        };
    }
}
