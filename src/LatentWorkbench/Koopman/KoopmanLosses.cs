using LatentWorkbench.Engine;
using LatentWorkbench.Engine.NN;
using LatentWorkbench.Models;

namespace LatentWorkbench.Koopman;

/// <summary>The four loss terms of the Koopman autoencoder for a minibatch of (x0, xL) pairs.</summary>
public readonly record struct KoopmanLosses(Tensor Reconstruction, Tensor Linear, Tensor State, Tensor Isometry)
{
    /// <summary>
    /// recon = MSE(x, psi(phi(x))) on x0 and xL; linear = MSE(phi(x0) K^k, phi(xL)); state = MSE(psi(phi(x0) K^k), xL);
    /// isometry = mean over pairs (a, b) of the batch of (||phi(a) - phi(b)|| - ||a - b||)^2, pairing each x0 with its
    /// cyclic neighbour in the batch.
    /// </summary>
    public static KoopmanLosses Compute(KoopmanAutoencoder model, Tensor first, Tensor last)
    {
        var z0 = model.Encode(first);
        var zL = model.Encode(last);
        var recon = F.MseLoss(model.Decode(z0), first) + F.MseLoss(model.Decode(zL), last);
        var advanced = z0.MatMul(model.FullOperator());
        var linear = F.MseLoss(advanced, zL);
        var state = F.MseLoss(model.Decode(advanced), last);
        int n = first.Size(0);
        var shift = new int[n];
        for (int i = 0; i < n; i++) shift[i] = (i + 1) % n;
        var dz = PairNorm(z0 - z0.IndexSelect(0, shift));
        var dx = PairNorm(first - first.IndexSelect(0, shift));
        var iso = (dz - dx).Pow(2f).Mean();
        return new KoopmanLosses(recon, linear, state, iso);
    }

    /// <summary>l1 recon + l2 linear + l3 state + l4 isometry.</summary>
    public Tensor Total(KoopmanOptions o) => Reconstruction * o.Reconstruction + Linear * o.Linear + State * o.State + Isometry * o.Isometry;

    private static Tensor PairNorm(Tensor differences) => (differences.Pow(2f).Sum(1) + 1e-12f).Sqrt();
}
