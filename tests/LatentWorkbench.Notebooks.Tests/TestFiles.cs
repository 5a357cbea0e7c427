namespace LatentWorkbench.Notebooks.Tests;

/// <summary>Paths of fixtures and scratch folders for tests.</summary>
internal static class TestFiles
{
    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    /// <summary>The repository checkout the tests run from.</summary>
    public static string RepositoryRoot =>
        LatentWorkbench.Data.DataDirectories.FindRepositoryRoot(AppContext.BaseDirectory) ?? throw new InvalidOperationException("no LatentWorkbench.sln above the test binaries");

    /// <summary>A fresh temporary folder, deleted on dispose.</summary>
    public static TempFolder TempFolder() => new(Directory.CreateTempSubdirectory("lwb-nb-").FullName);
}

internal sealed class TempFolder(string path) : IDisposable
{
    public string Path { get; } = path;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A cell abandoned by a timeout may still hold a file open; the OS cleans temp later.
        }
    }
}
