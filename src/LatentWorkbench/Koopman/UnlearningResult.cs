namespace LatentWorkbench.Koopman;

/// <summary>Per-class test accuracy of the surrogate before and after forgetting <see cref="ForgetClass"/>.</summary>
public sealed record UnlearningResult(int ForgetClass, double[] Before, double[] After, int[] PredictionsAfter);
