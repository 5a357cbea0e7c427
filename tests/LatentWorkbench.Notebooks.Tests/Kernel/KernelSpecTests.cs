using System.Text.Json.Nodes;
using LatentWorkbench.Notebooks.Kernel;

namespace LatentWorkbench.Notebooks.Tests.Kernel;

public class KernelSpecTests
{
    [Fact]
    public void Install_writes_kernel_json_and_replaces_a_previous_spec_atomically()
    {
        var root = Directory.CreateTempSubdirectory("lwb-spec-");
        try
        {
            var kernels = KernelSpec.KernelsDirectory(user: false, prefix: root.FullName);
            Assert.Equal(Path.Combine(root.FullName, "share", "jupyter", "kernels"), kernels);

            var folder = KernelSpec.Install(kernels, "cs-test", ["/opt/dotnet/dotnet", "/opt/lwb/lwb.dll"]);
            File.WriteAllText(Path.Combine(folder, "stale.txt"), "from the old install");
            folder = KernelSpec.Install(kernels, "cs-test", ["/usr/bin/lwb"], KernelSpec.DefaultEnvironment("/srv/repo/data"));

            Assert.Equal(Path.Combine(kernels, "cs-test"), folder);
            Assert.Equal(["kernel.json"], Directory.GetFiles(folder).Select(Path.GetFileName));
            Assert.Equal(["cs-test"], Directory.GetDirectories(kernels).Select(Path.GetFileName)); // no staging leftovers
            var spec = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "kernel.json")))!.AsObject();
            Assert.Equal(["/usr/bin/lwb", "kernel", "start", "-f", "{connection_file}"], spec["argv"]!.AsArray().Select(n => n!.GetValue<string>()));
            Assert.Equal(".NET (C#)", spec["display_name"]!.GetValue<string>());
            Assert.Equal("C#", spec["language"]!.GetValue<string>());
            Assert.Equal("message", spec["interrupt_mode"]!.GetValue<string>());
            Assert.False(spec["metadata"]!["debugger"]!.GetValue<bool>());
            Assert.Equal("/srv/repo/data", spec["env"]!["LWB_DATA_DIR"]!.GetValue<string>());
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Fact]
    public void Default_name_is_the_one_the_notebooks_name()
    {
        foreach (var notebook in Directory.GetFiles(Path.Combine(TestFiles.RepositoryRoot, "notebooks"), "*.ipynb"))
        {
            var kernelspec = JsonNode.Parse(File.ReadAllText(notebook))!["metadata"]!["kernelspec"]!;
            Assert.True(kernelspec["name"]!.GetValue<string>() == KernelSpec.DefaultName, $"{notebook} names kernel '{kernelspec["name"]}'");
        }
    }

    [Theory]
    [InlineData("Has Space")]
    [InlineData("UPPER")]
    [InlineData("a/b")]
    [InlineData("")]
    public void Invalid_names_are_rejected_with_the_rule(string name)
    {
        var e = Assert.Throws<ArgumentException>(() => KernelSpec.Install(Path.GetTempPath(), name, ["lwb"]));
        Assert.Contains("lowercase letters", e.Message);
    }

    [Fact]
    public void Standard_locations()
    {
        var previous = Environment.GetEnvironmentVariable("JUPYTER_DATA_DIR");
        try
        {
            Environment.SetEnvironmentVariable("JUPYTER_DATA_DIR", null);
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            if (OperatingSystem.IsLinux())
            {
                Assert.Equal(Path.Combine(home, ".local", "share", "jupyter", "kernels"), KernelSpec.KernelsDirectory(user: true, prefix: null));
                Assert.Equal("/usr/local/share/jupyter/kernels", KernelSpec.KernelsDirectory(user: false, prefix: null));
            }
            Environment.SetEnvironmentVariable("JUPYTER_DATA_DIR", "/srv/jdata");
            Assert.Equal(Path.Combine("/srv/jdata", "kernels"), KernelSpec.KernelsDirectory(user: true, prefix: null));
            Assert.Throws<ArgumentException>(() => KernelSpec.KernelsDirectory(user: true, prefix: "/p"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("JUPYTER_DATA_DIR", previous);
        }
    }

    [Fact]
    public void Launcher_of_a_dotnet_hosted_process_names_the_entry_assembly()
    {
        // The test host is an apphost or dotnet itself; either way the launcher starts with the running executable.
        var launcher = KernelSpec.CurrentLauncher();
        Assert.Equal(Environment.ProcessPath, launcher[0]);
        Assert.True(launcher.Count is 1 or 2);
        if (launcher.Count == 2) Assert.EndsWith(".dll", launcher[1]);
    }
}
