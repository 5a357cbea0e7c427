namespace LatentWorkbench.Koopman;

/// <summary>
/// A seeded, class-stratified split of the training rows into the rows that build the edit (H, X_c, targets) and the
/// rows that score candidate settings. Both index the training set only: the test set plays no part in choosing the edit.
/// </summary>
public sealed record UnlearningSplit(int[] Fit, int[] Validation)
{
    /// <summary>
    /// Puts round(fraction * count) rows of every class (at least one, never all) into validation, chosen by
    /// <paramref name="seed"/>; a class with a single row stays in the fit part.
    /// </summary>
    public static UnlearningSplit Stratified(int[] labels, int classes, double validationFraction, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (!(validationFraction > 0 && validationFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "the validation fraction must lie in (0, 1)");
        var byClass = new List<int>[classes];
        for (int c = 0; c < classes; c++) byClass[c] = [];
        for (int i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classes) throw new ArgumentException($"label {labels[i]} at row {i} is outside [0, {classes})", nameof(labels));
            byClass[labels[i]].Add(i);
        }
        var rng = new LatentWorkbench.Engine.Generator(seed);
        var fit = new List<int>(labels.Length);
        var validation = new List<int>();
        foreach (var rows in byClass)
        {
            if (rows.Count == 0) continue;
            int take = rows.Count == 1 ? 0 : Math.Clamp((int)Math.Round(validationFraction * rows.Count), 1, rows.Count - 1);
            var perm = rng.Permutation(rows.Count);
            for (int i = 0; i < rows.Count; i++) (i < take ? validation : fit).Add(rows[perm[i]]);
        }
        fit.Sort();
        validation.Sort();
        return new UnlearningSplit([.. fit], [.. validation]);
    }
}
