using LatentWorkbench.Engine;

namespace LatentWorkbench.Data;

/// <summary>
/// The Yin-Yang dataset (Kriener, Goltz, Petrovici 2021): points in the unit disc of radius 0.5 around
/// (0.5, 0.5), three classes (yin, yang, dot), inputs (x, y, 1-x, 1-y). Generated, never downloaded.
/// </summary>
public static class YinYang
{
    /// <summary>Radius of the whole symbol.</summary>
    public const double RBig = 0.5;

    /// <summary>Radius of the two dots.</summary>
    public const double RSmall = 0.1;

    /// <summary>Class indices.</summary>
    public const int Yin = 0, Yang = 1, Dot = 2;

    /// <summary>Class names, indexed by label.</summary>
    public static IReadOnlyList<string> ClassNames { get; } = ["yin", "yang", "dot"];

    /// <summary>The standard training split: 5000 points, seed 42.</summary>
    public static TabularDataset Train() => Generate(5000, 42, "train");

    /// <summary>The standard validation split: 1000 points, seed 41.</summary>
    public static TabularDataset Validation() => Generate(1000, 41, "val");

    /// <summary>The standard test split: 1000 points, seed 40.</summary>
    public static TabularDataset Test() => Generate(1000, 40, "test");

    /// <summary>The standard split by name: "train", "val" (or "validation"), "test".</summary>
    public static TabularDataset Split(string split) => split switch
    {
        "train" => Train(),
        "val" or "validation" => Validation(),
        "test" => Test(),
        _ => throw new ArgumentException($"unknown Yin-Yang split '{split}'; expected train, val or test", nameof(split)),
    };

    /// <summary>
    /// The class of a point: "dot" inside either small circle; else "yin" near the right dot, in the ring
    /// around the left dot, or in the upper half away from the right dot's disc; else "yang".
    /// </summary>
    public static int Classify(double x, double y)
    {
        double dRight = Distance(x, y, 1.5 * RBig, RBig);
        double dLeft = Distance(x, y, 0.5 * RBig, RBig);
        if (dRight < RSmall || dLeft < RSmall) return Dot;
        bool yin = dRight <= RSmall
                   || (dLeft > RSmall && dLeft <= 0.5 * RBig)
                   || (y > RBig && dRight > 0.5 * RBig);
        return yin ? Yin : Yang;
    }

    /// <summary>
    /// Draws <paramref name="count"/> points: for each, a goal class uniform over the three, then (x, y) uniform in
    /// [0, 1]^2 rejected until it lies in the big circle and has the goal class. Classes are therefore balanced in
    /// expectation regardless of their areas.
    /// </summary>
    public static TabularDataset Generate(int count, ulong seed, string split = "custom")
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var rng = new Generator(seed);
        var features = new float[count * 4];
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            int goal = rng.NextInt(3);
            double x, y;
            while (true)
            {
                x = rng.NextDouble() * 2 * RBig;
                y = rng.NextDouble() * 2 * RBig;
                if (Distance(x, y, RBig, RBig) > RBig) continue;
                if (Classify(x, y) == goal) break;
            }
            features[4 * i] = (float)x;
            features[4 * i + 1] = (float)y;
            features[4 * i + 2] = (float)(1 - x);
            features[4 * i + 3] = (float)(1 - y);
            labels[i] = goal;
        }
        return new TabularDataset("yinyang", split, features, 4, labels, ClassNames);
    }

    private static double Distance(double x, double y, double cx, double cy) => Math.Sqrt((x - cx) * (x - cx) + (y - cy) * (y - cy));
}
