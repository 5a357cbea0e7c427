using System.Security.Cryptography;
using System.Text;

namespace LatentWorkbench.Notebooks.Documents;

/// <summary>Deterministic nbformat cell ids, so writing the same notebook twice gives the same bytes.</summary>
internal static class CellIds
{
    /// <summary>An id unique among <paramref name="used"/> (which it is added to), derived from position and source.</summary>
    public static string Derive(int index, string source, HashSet<string> used)
    {
        for (int salt = 0; ; salt++)
        {
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{index}\n{salt}\n{source}"));
            var id = Convert.ToHexStringLower(hash, 0, 4);
            if (used.Add(id)) return id;
        }
    }
}
