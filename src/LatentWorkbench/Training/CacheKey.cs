using System.Security.Cryptography;
using System.Text;

namespace LatentWorkbench.Training;

/// <summary>
/// Keys of the trained-model caches (autoencoders, Koopman studies): a hash of the full configuration's JSON and of the
/// training-code revision, so that a cache never serves weights the current code would not train.
/// </summary>
public static class CacheKey
{
    /// <summary>
    /// Revision of the training code behind cached models. Bump it in any change that makes an unchanged configuration
    /// train different weights (a new default, a fixed bug in a layer or optimizer); every cache then retrains once.
    /// </summary>
    public const int TrainingRevision = 2;

    /// <summary>First 16 hex digits of the SHA-256 of the revision and <paramref name="configurationJson"/>.</summary>
    public static string Of(string configurationJson)
    {
        ArgumentNullException.ThrowIfNull(configurationJson);
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"training-revision {TrainingRevision}\n{configurationJson}"));
        return Convert.ToHexStringLower(bytes)[..16];
    }
}
