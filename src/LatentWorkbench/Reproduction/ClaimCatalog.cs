using System.Text.Json.Nodes;

namespace LatentWorkbench.Reproduction;

/// <summary>
/// The claims of the three papers (../shared/docs/papers.md) that <c>lwb reproduce</c> can test, in the order of the
/// papers, each with the paper's number and the rule that decides agreement. Rules compare against the paper's
/// qualitative finding (a direction, an ordering, a threshold stated in the paper), not against its exact decimals,
/// because our models are smaller and trained on the CPU.
/// </summary>
public static class ClaimCatalog
{
    /// <summary>Every claim, grouped by experiment.</summary>
    public static IReadOnlyList<Claim> All { get; } =
    [
        new("latent-field", "Training latents of a k = 2 autoencoder converge to a few attractors, each a stable fixed point",
            "every attractor has Jacobian spectral radius < 1", json =>
                Numbers(json, "attractors", "max_spectral_radius", "converged_fraction") is [var count, var radius, var converged]
                    ? new($"{Claim.Format(count, "F1")} attractors, spectral radius ≤ {Claim.Format(radius)}, {Claim.Format(converged)} converged",
                        radius.Mean < 1 && converged.Mean > 0.99 ? Verdict.Agrees : Verdict.Disagrees)
                    : null),

        new("memorization", "The most regularised bottlenecks memorise more: coefficient above 0.8 at k = 2, lower at the largest k",
            "> 0.8 for k = 2..16, falling towards k = 512 (MNIST)", json =>
            {
                if (Numbers(json, "rows[dataset=mnist,k=2].memorization_mean", "rows[dataset=mnist,k=512].memorization_mean") is not [var small, var large]) return null;
                var ours = $"MNIST k = 2: {Claim.Format(small)}, k = 512: {Claim.Format(large)}";
                if (Degenerate(json, "rows[dataset=mnist,k=2]", "rows[dataset=mnist,k=512]"))
                    return new(ours, Verdict.Inconclusive, "a model does not beat the mean image (degenerate)");
                return new(ours, small.Mean > 0.8 && small.Mean > large.Mean ? Verdict.Agrees : Verdict.Disagrees);
            }),

        new("memorization", "Null baseline: a test image's nearest training image has cosine about 0.86 (MNIST)",
            "≈ 0.86", json => Numbers(json, "rows[dataset=mnist,k=2].null_memorization") is [var nullCosine]
                ? new(Claim.Format(nullCosine), Math.Abs(nullCosine.Mean - 0.86) < 0.03 ? Verdict.Agrees : Verdict.Disagrees)
                : null),

        new("dictionary", "Attractors of noise-started trajectories make a better sparse-coding dictionary than the orthogonal starts",
            "attractors win on every dataset", json =>
            {
                if (ResultPath.Find(json, "rows") is not JsonArray rows || rows.Count == 0) return null;
                int wins = 0, total = 0;
                foreach (var row in rows)
                {
                    if (ResultPath.Number(row, "mse_attractors") is not { } a || ResultPath.Number(row, "mse_orthogonal") is not { } o) continue;
                    total++;
                    if (a.Mean < o.Mean) wins++;
                }
                return new($"attractors win {wins} of {total} (model, target, sparsity) rows", wins == total ? Verdict.Agrees : Verdict.Disagrees);
            }),

        new("ood", "MNIST in, Fashion-MNIST out: the trajectory score detects OOD about as well as kNN",
            "AUROC 0.828 vs kNN 0.821 (replication; paper: ViT-MAE on ImageNet, AUROC 91-93)", json =>
                Numbers(json, "rows[in=mnist,method=trajectory].auroc", "rows[in=mnist,method=knn].auroc") is [var trajectory, var knn]
                    ? new($"AUROC {Claim.Format(trajectory)} vs kNN {Claim.Format(knn)}",
                        trajectory.Mean > 0.75 && trajectory.Mean >= knn.Mean - 0.05 ? Verdict.Agrees : Verdict.Disagrees,
                        trajectory.Mean < knn.Mean - 0.05 ? "kNN is clearly better" : null)
                    : null),

        new("ood", "Fashion-MNIST in, MNIST out: the trajectory score detects OOD (AUROC above chance)",
            "AUROC well above 0.5 (the paper's claim for every in/out pair)", json =>
                Numbers(json, "rows[in=fashion-mnist,method=trajectory].auroc", "rows[in=fashion-mnist,method=knn].auroc") is [var trajectory, var knn]
                    ? new($"AUROC {Claim.Format(trajectory)} vs kNN {Claim.Format(knn)}", trajectory.Mean > 0.6 ? Verdict.Agrees : Verdict.Disagrees,
                        trajectory.Mean <= 0.5 ? "below chance: MNIST trajectories stay closer to Fashion attractors than Fashion's own" : null)
                    : null),

        new("attractor-kinds", "Iterating z → E(D(z)) from training latents ends at fixed points, the attractors the papers count",
            "every trajectory meets the stopping rule (||f(z_t+1) - f(z_t)||² < 1e-6) within 3000 steps", json =>
            {
                if (ResultPath.Find(json, "rows") is not JsonArray rows || rows.Count == 0) return null;
                string lowest = "";
                double lowestFraction = double.PositiveInfinity;
                (double Mean, double Sd, int Seeds) lowestFixed = default;
                foreach (var row in rows)
                {
                    if (ResultPath.Number(row, "fixed") is not { } fixedCount || ResultPath.Number(row, "starts") is not { } starts) return null;
                    double fraction = fixedCount.Mean / starts.Mean;
                    if (fraction >= lowestFraction) continue;
                    lowestFraction = fraction;
                    lowestFixed = (fraction, fixedCount.Sd / starts.Mean, fixedCount.Seeds);
                    lowest = $"{row?["dataset"]?.GetValue<string>()} k = {ResultPath.Number(row, "k")?.Mean}";
                }
                return new($"share of starts ending at a fixed point, lowest: {lowest} {Claim.Format(lowestFixed)}",
                    lowestFraction >= 0.99 ? Verdict.Agrees : Verdict.Disagrees,
                    lowestFraction >= 0.99 ? null : "some trajectories end on periodic orbits or are still moving at the step limit (notebook 08)");
            }),

        new("koopman", "The Koopman autoencoder is an accurate surrogate of the MNIST classifier",
            "98.53% vs the MLP's 99.03% (0.5 points)", json =>
                Numbers(json, "mnist.kae_accuracy", "mnist.mlp_accuracy") is [var kae, var mlp]
                    ? new($"{Claim.Format(kae)} vs {Claim.Format(mlp)}", mlp.Mean - kae.Mean <= 0.015 ? Verdict.Agrees : Verdict.Disagrees)
                    : null),

        new("koopman", "Topological simplification across the classifier's layers: beta_0 falls layer by layer",
            "368, 10, 1, 1, 1 (MNIST, eps = 0.166)", json => Sequence(json, "betti0_mlp_layers") is { } layers
                ? new(string.Join(", ", layers.Select(x => Claim.Format(x, "F0"))), Falls(layers, 0.1) ? Verdict.Agrees : Verdict.Disagrees)
                : null),

        new("koopman", "Topological simplification along Koopman iterations: beta_0 of decoded iterates falls",
            "8633 → 9 over 10 iterations (a factor of ~1000)", json => Sequence(json, "betti0_kae_iterations") is { } iterations
                ? new($"{Claim.Format(iterations[0], "F0")} → {Claim.Format(iterations[^1], "F0")}", Falls(iterations, 0.1) ? Verdict.Agrees : Verdict.Disagrees,
                    Falls(iterations, 0.1) ? null : "falls by less than a factor of 10")
                : null),

        new("unlearning", "Yin-Yang, forget 'dot': the edit removes the class and keeps the others",
            "per-class accuracy 99.82 / 96.77 / 11.87% after the edit", json => Unlearning(json, "yinyang")),

        new("unlearning", "MNIST, forget digit 4: the edit removes the class and keeps the others",
            "class 4 merges into another cluster", json => Unlearning(json, "mnist")),

        new("unlearning", "The edit's regulariser lambda = 0.1 suffices",
            "lambda = 0.1", json => Numbers(json, "yinyang.lambda", "mnist.lambda") is [var yinyang, var mnist]
                ? new($"chosen on validation: Yin-Yang {Claim.Format(yinyang, "G3")}, MNIST {Claim.Format(mnist, "G3")}",
                    Math.Max(yinyang.Mean, mnist.Mean) <= 0.3 ? Verdict.Agrees : Verdict.Disagrees, "our validation picks a 10-30x larger lambda")
                : null),

        new("lfm", "Under a class perturbation linear CKA degrades while LFM similarity stays high",
            "CKA degrades, LFM stays high (CIFAR-10 CNN, shift 0..80)", json =>
                Numbers(json, "perturbation[-1].cka", "perturbation[-1].lfm") is [var cka, var lfm]
                    ? new($"at the largest shift CKA {Claim.Format(cka)}, LFM {Claim.Format(lfm)}", cka.Mean < 0.8 && lfm.Mean > 0.9 ? Verdict.Agrees : Verdict.Disagrees)
                    : null),

        new("lfm", "The functional map localises the distortion on the perturbed class",
            "first singular vector highlights the shifted class", json =>
                Numbers(json, "distortion.most_distorted_class", "distortion.shifted_class") is [var most, var shifted]
                    ? new($"most distorted class {Claim.Format(most, "F0")} (shifted: {Claim.Format(shifted, "F0")})",
                        most.Sd == 0 && most.Mean == shifted.Mean ? Verdict.Agrees : Verdict.Disagrees)
                    : null),

        new("lfm", "Few-anchor retrieval: LFM from 5 anchors beats Procrustes on the same anchors and nearly matches all points",
            "MRR 0.991 from 5 anchors; Procrustes needs ~200 anchors for 0.93", json =>
                Numbers(json, "retrieval[anchors=5].lfm", "retrieval[anchors=5].procrustes") is [var lfm, var procrustes]
                    ? new($"MRR from 5 anchors: LFM {Claim.Format(lfm)}, Procrustes {Claim.Format(procrustes)}",
                        lfm.Mean >= 0.9 && lfm.Mean > procrustes.Mean ? Verdict.Agrees : Verdict.Disagrees,
                        lfm.Mean < 0.9 && lfm.Mean > procrustes.Mean ? "LFM beats Procrustes but stays below 0.9" : null)
                    : null),
    ];

    /// <summary>The experiments the claims read, in catalog order.</summary>
    public static IReadOnlyList<string> Experiments => All.Select(c => c.Experiment).Distinct().ToArray();

    private static ClaimCheck? Unlearning(JsonNode json, string dataset)
    {
        if (ResultPath.Number(json, $"{dataset}.forget") is not { } forget) return null;
        if (ResultPath.Find(json, $"{dataset}.before") is not JsonArray before || ResultPath.Find(json, $"{dataset}.after") is not JsonArray after) return null;
        int cls = (int)forget.Mean;
        var forgotten = SeedSummary.Read(after[cls]);
        double worstDrop = 0;
        for (int c = 0; c < after.Count; c++)
            if (c != cls && SeedSummary.Read(before[c]) is { } b && SeedSummary.Read(after[c]) is { } a) worstDrop = Math.Max(worstDrop, b.Mean - a.Mean);
        if (forgotten is not { } f) return null;
        return new($"class {cls} after the edit {Claim.Format(f)}; largest drop of another class {worstDrop:F3}",
            f.Mean <= 0.2 && worstDrop <= 0.03 ? Verdict.Agrees : Verdict.Disagrees);
    }

    private static (double Mean, double Sd, int Seeds)[]? Numbers(JsonNode json, params string[] paths)
    {
        var values = new (double, double, int)[paths.Length];
        for (int i = 0; i < paths.Length; i++)
        {
            if (ResultPath.Number(json, paths[i]) is not { } x) return null;
            values[i] = x;
        }
        return values;
    }

    private static (double Mean, double Sd, int Seeds)[]? Sequence(JsonNode json, string path) =>
        ResultPath.Find(json, path) is JsonArray array && array.Count > 1 && array.All(n => SeedSummary.Read(n) is not null)
            ? array.Select(n => SeedSummary.Read(n)!.Value).ToArray()
            : null;

    /// <summary>Never rises along the sequence and ends at most <paramref name="ratio"/> of where it started.</summary>
    private static bool Falls((double Mean, double Sd, int Seeds)[] xs, double ratio)
    {
        for (int i = 1; i < xs.Length; i++) if (xs[i].Mean > xs[i - 1].Mean) return false;
        return xs[^1].Mean <= ratio * xs[0].Mean;
    }

    private static bool Degenerate(JsonNode json, params string[] rows) =>
        rows.Any(path => ResultPath.Find(json, path + ".degenerate") is JsonValue v && v.TryGetValue(out bool b) && b);
}
