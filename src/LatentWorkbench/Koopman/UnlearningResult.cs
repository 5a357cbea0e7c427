namespace LatentWorkbench.Koopman;

/// <summary>
/// Per-class test accuracy of the surrogate before and after forgetting <see cref="ForgetClass"/>, with the edit that was
/// applied (its lambda, the class merged into, and the validation scores that chose it). The test set is used here only.
/// </summary>
public sealed record UnlearningResult(int ForgetClass, double[] Before, double[] After, int[] PredictionsAfter, UnlearningEdit Edit)
{
    /// <summary>The class the forgotten one was merged into (null when each row had its own target).</summary>
    public int? TargetClass => Edit.TargetClass;
    /// <summary>The lambda of the applied edit.</summary>
    public double Lambda => Edit.Lambda;
}
