using LatentWorkbench.Engine.NN;

namespace LatentWorkbench.Engine.Tests.Ops;

/// <summary>Inverted dropout: identity in evaluation, scaled survivors in training, seeded masks.</summary>
public class DropoutTests
{
    [Fact]
    public void EvaluationAndZeroProbabilityAreIdentity()
    {
        var x = GradCheck.Random(1, 4, 4);
        Assert.Same(x, F.Dropout(x, 0.5f, training: false, new Generator(1)));
        Assert.Same(x, F.Dropout(x, 0f, training: true, new Generator(1)));
    }

    [Fact]
    public void TrainingZeroesAboutPAndScalesSurvivors()
    {
        var x = Tensor.Ones(200, 500);
        var y = F.Dropout(x, 0.3f, training: true, new Generator(42)).ToArray();
        int zeros = 0;
        foreach (float v in y)
        {
            if (v == 0f) zeros++;
            else Assert.Equal(1f / 0.7f, v, 5);
        }
        // 100000 Bernoulli(0.3) draws: the standard deviation of the fraction is about 0.0015.
        Assert.InRange(zeros / 100000.0, 0.29, 0.31);
    }

    [Fact]
    public void SameSeedSameMask()
    {
        var x = GradCheck.Random(3, 50);
        Assert.Equal(F.Dropout(x, 0.5f, true, new Generator(9)).ToArray(), F.Dropout(x, 0.5f, true, new Generator(9)).ToArray());
        Assert.Equal(new float[50], F.Dropout(x, 1f, true, new Generator(9)).ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => F.Dropout(x, 1.5f, true, new Generator(9)));
    }
}
