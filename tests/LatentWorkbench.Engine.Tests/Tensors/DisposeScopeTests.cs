using LatentWorkbench.Engine.NN;
using LatentWorkbench.Engine.Optim;

namespace LatentWorkbench.Engine.Tests.Tensors;

[Collection(nameof(TensorPoolCollection))]
public class DisposeScopeTests
{
    // Sizes no other test allocates, so pool hits are the ones these tests cause.
    private const int N = 12_347;

    [Fact]
    public void EndingAScopeReturnsItsBuffersAndTheNextScopeReusesThem()
    {
        TensorPool.Clear();
        TensorPool.ResetStatistics();
        float[] first, second;
        using (var scope = DisposeScope.Begin())
        {
            var a = Tensor.Ones(N);
            var b = a + a;
            first = a.Storage; second = b.Storage;
            Assert.Equal(2, scope.Count);
        }
        var afterFirst = TensorPool.Statistics;
        Assert.Equal((2L, 0L, 2L), (afterFirst.Rents, afterFirst.Hits, afterFirst.Returns));
        Assert.Equal(2L * N * sizeof(float), afterFirst.RetainedBytes);

        using (DisposeScope.Begin())
        {
            var c = Tensor.Zeros(N);
            var d = Tensor.Full(3f, N);
            Assert.Contains(c.Storage, new[] { first, second });
            Assert.Contains(d.Storage, new[] { first, second });
            Assert.All(c.ToArray(), v => Assert.Equal(0f, v)); // a reused buffer is cleared for Zeros
            Assert.All(d.ToArray(), v => Assert.Equal(3f, v));
        }
        var afterSecond = TensorPool.Statistics;
        Assert.Equal(2L, afterSecond.Hits);
        Assert.Equal(4L, afterSecond.Returns);
    }

    [Fact]
    public void TensorsAndTheirViewsThrowAfterTheScopeEnds()
    {
        Tensor t, view, detached;
        using (DisposeScope.Begin())
        {
            t = Tensor.Arange(N + 12).Reshape(-1, 1);
            view = t.Slice(0, 2, 5).T;
            detached = t.Detach();
            Assert.False(t.IsDisposed);
        }
        Assert.True(t.IsDisposed);
        Assert.True(view.IsDisposed);
        var e = Assert.Throws<ObjectDisposedException>(() => t.ToArray());
        Assert.Contains("DisposeScope", e.Message);
        Assert.Throws<ObjectDisposedException>(() => view.ToArray());
        Assert.Throws<ObjectDisposedException>(() => detached.ToArray());
        Assert.Throws<ObjectDisposedException>(() => t[0, 0]);
        Assert.Throws<ObjectDisposedException>(() => t + 1f);
        Assert.Throws<ObjectDisposedException>(() => t.MoveToOuterScope());
        Assert.Equal($"Tensor[{N + 12}, 1] (disposed)", t.ToString()); // printing (a debugger, a log) still works
    }

    [Fact]
    public void MovedOutTensorsSurviveTheirScopeAndBelongToTheOuterOne()
    {
        Tensor kept, keptView, dropped, forever;
        using (var outer = DisposeScope.Begin())
        {
            using (var inner = DisposeScope.Begin())
            {
                Assert.Same(outer, inner.Outer);
                Assert.Same(inner, DisposeScope.Current);
                kept = Tensor.Full(5f, N + 1).MoveToOuterScope();
                keptView = kept.Reshape(1, -1);
                dropped = Tensor.Ones(N + 1);
                forever = Tensor.Ones(N + 2).DetachFromScope();
                Assert.Equal(1, inner.Count); // only "dropped"
            }
            Assert.Same(outer, DisposeScope.Current);
            Assert.True(dropped.IsDisposed);
            Assert.All(keptView.ToArray(), v => Assert.Equal(5f, v));
            Assert.Equal(1, outer.Count);
        }
        Assert.Null(DisposeScope.Current);
        Assert.True(kept.IsDisposed);
        Assert.Equal(N + 2f, forever.Sum().Item());
    }

    [Fact]
    public void MovingOutOfTheOutermostScopeHandsTheTensorToTheGarbageCollector()
    {
        Tensor kept;
        using (DisposeScope.Begin()) kept = Tensor.Ones(N + 3).MoveToOuterScope();
        Assert.False(kept.IsDisposed);
        Assert.Equal(N + 3f, kept.Sum().Item());
    }

    [Fact]
    public void EndingAnOuterScopeEndsTheScopesStillOpenInsideIt()
    {
        var outer = DisposeScope.Begin();
        var a = Tensor.Ones(N + 5);
        var inner = DisposeScope.Begin(); // left open, as without `using`
        var b = Tensor.Ones(N + 5);
        outer.Dispose();
        Assert.True(a.IsDisposed);
        Assert.True(b.IsDisposed);
        Assert.Null(DisposeScope.Current);
        inner.Dispose(); // already ended: nothing happens
        outer.Dispose();
        Assert.Null(DisposeScope.Current);
    }

    [Fact]
    public void AScopeEndsOnlyOnItsOwnThread()
    {
        using var scope = DisposeScope.Begin();
        Exception? error = null;
        var thread = new Thread(() => { try { scope.Dispose(); } catch (Exception e) { error = e; } });
        thread.Start();
        thread.Join();
        Assert.IsType<InvalidOperationException>(error);
        Assert.Contains("thread that began it", error!.Message);
        Assert.Same(scope, DisposeScope.Current);
    }

    [Fact]
    public void CallerOwnedArraysAndTensorsFromOutsideAreNeverTaken()
    {
        var data = new float[N];
        var before = Tensor.Ones(N);
        Tensor wrapped, viewOfOutside;
        using (DisposeScope.Begin())
        {
            wrapped = Tensor.FromArray(data, N);
            viewOfOutside = before.Reshape(1, N);
        }
        Assert.False(wrapped.IsDisposed);
        Assert.False(viewOfOutside.IsDisposed);
        Assert.Same(data, wrapped.Storage);
    }

    [Fact]
    public void ParametersBuffersAndLeafGradientsOutliveTheScopeTheyWereMadeIn()
    {
        Sequential model;
        Tensor input, gradOfInput;
        using (DisposeScope.Begin())
        {
            model = new Sequential(new Linear(3, 4, generator: new Generator(1)), new BatchNorm1d(4), new Tanh());
            input = Tensor.Randn(new Generator(2), 5, 3);
            input.RequiresGrad = true;
            model.Call(input).Sum().Backward();
            gradOfInput = input.Grad!;
        }
        Assert.True(input.IsDisposed); // created in the scope and not moved out
        Assert.False(gradOfInput.IsDisposed);
        foreach (var p in model.Parameters())
        {
            Assert.False(p.IsDisposed);
            Assert.False(p.Grad!.IsDisposed);
        }
        foreach (var b in model.Buffers()) Assert.False(b.IsDisposed);
    }

    [Fact]
    public void TensorsGivenToAnOptimizerOutliveTheScopeTheyWereMadeIn()
    {
        Tensor w;
        SGD optimizer;
        using (DisposeScope.Begin())
        {
            w = Tensor.Ones(N + 4);
            w.RequiresGrad = true;
            optimizer = new SGD([w], lr: 0.5);
        }
        using (DisposeScope.Begin())
        {
            optimizer.ZeroGrad();
            (w * w).Sum().Backward();
            optimizer.Step();
        }
        Assert.All(w.ToArray(), v => Assert.Equal(0f, v)); // 1 - 0.5 * 2
    }

    [Fact]
    public void AutogradIntermediatesAreTheScopes()
    {
        var w = Tensor.Randn(new Generator(3), 4, 4);
        w.RequiresGrad = true;
        Tensor[] grads;
        Tensor y;
        using (DisposeScope.Begin())
        {
            y = w.MatMul(w).Tanh().Sum();
            grads = Grad.Of(y, [w]);
            Assert.False(grads[0].IsDisposed);
            Assert.NotNull(grads[0].Buffer.Scope);
        }
        Assert.True(y.IsDisposed);
        Assert.True(grads[0].IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => y.Backward());
    }
}
