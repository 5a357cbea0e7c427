namespace LatentWorkbench.Koopman;

/// <summary>
/// Per-class test accuracy of the surrogate before and after forgetting <see cref="ForgetClass"/>; <see cref="TargetClass"/>
/// is the class it was merged into (null when each row had its own target).
/// </summary>
public sealed record UnlearningResult(int ForgetClass, double[] Before, double[] After, int[] PredictionsAfter, int? TargetClass = null);
