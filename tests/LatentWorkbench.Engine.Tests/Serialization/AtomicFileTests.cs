using LatentWorkbench.Engine.Serialization;
using Xunit;

namespace LatentWorkbench.Engine.Tests.Serialization;

public class AtomicFileTests
{
    [Fact]
    public void A_failed_write_keeps_the_previous_file_and_leaves_no_temporary_behind()
    {
        var dir = Path.Combine(Path.GetTempPath(), "lwb-atomic-" + Guid.NewGuid().ToString("N"));
        var path = Path.Combine(dir, "sub", "result.json");
        try
        {
            AtomicFile.WriteAllText(path, "first");
            Assert.Equal("first", File.ReadAllText(path));
            Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, temp =>
            {
                File.WriteAllText(temp, "half");
                throw new InvalidOperationException("the writer failed");
            }));
            Assert.Equal("first", File.ReadAllText(path));
            Assert.Equal("result.json", Path.GetFileName(Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!))));
            AtomicFile.WriteAllText(path, "second");
            Assert.Equal("second", File.ReadAllText(path));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }
}
