using LatentWorkbench.Training;

namespace LatentWorkbench.LatentFields;

/// <summary>
/// The trajectory score under every condition of <see cref="OodAblation"/> on one in/out pair, the kNN baseline it is
/// compared with, and what the in and out trajectories look like under the control.
/// </summary>
/// <param name="InData">In-distribution dataset (the model's).</param>
/// <param name="OutData">OOD dataset.</param>
/// <param name="Conditions">The control first, then one condition per changed factor.</param>
/// <param name="KnnAuroc">AUROC of the kNN distance to the control's training latents (the baseline the paper matches).</param>
/// <param name="In">Shape of the in-distribution test trajectories.</param>
/// <param name="Out">Shape of the OOD test trajectories.</param>
/// <param name="BottleneckModels">The retrained models of the H5 conditions, in the order of <see cref="OodAblationOptions.Bottlenecks"/>.</param>
public sealed record OodAblationResult(string InData, string OutData, IReadOnlyList<OodCondition> Conditions, double KnnAuroc, OodPathShape In, OodPathShape Out,
    IReadOnlyList<AutoencoderRun> BottleneckModels)
{
    /// <summary>The control condition (the benchmark's score).</summary>
    public OodCondition Control => Conditions[0];

    /// <summary>The condition called <paramref name="name"/>.</summary>
    public OodCondition this[string name] =>
        Conditions.FirstOrDefault(c => c.Name == name) ?? throw new KeyNotFoundException($"no condition '{name}'; have {string.Join(", ", Conditions.Select(c => c.Name))}");
}
