namespace LatentWorkbench.Engine.Ops;

/// <summary>Special functions the activations need and .NET lacks.</summary>
internal static class SpecialFunctions
{
    /// <summary>The error function, to about 1e-7 absolute (W. J. Cody's rational approximations via erfc for |x| &gt; 0.5).</summary>
    public static float Erf(float xf)
    {
        double x = xf;
        double ax = Math.Abs(x);
        if (ax < 0.5)
        {
            // Maclaurin series converges fast here.
            double x2 = x * x, term = x, sum = x;
            for (int n = 1; n < 12; n++)
            {
                term *= -x2 / n;
                sum += term / (2 * n + 1);
            }
            return (float)(sum * 1.1283791670955126);
        }
        // Numerical Recipes erfc (Chebyshev fit, fractional error < 1.2e-7).
        double t = 1.0 / (1.0 + 0.5 * ax);
        double erfc = t * Math.Exp(-ax * ax - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 +
            t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        double erf = 1.0 - erfc;
        return (float)(x >= 0 ? erf : -erf);
    }
}
