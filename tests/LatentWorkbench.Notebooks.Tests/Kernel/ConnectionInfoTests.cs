using LatentWorkbench.Notebooks.Kernel;

namespace LatentWorkbench.Notebooks.Tests.Kernel;

public class ConnectionInfoTests
{
    private const string Valid = """
        {"shell_port": 50001, "iopub_port": 50002, "stdin_port": 50003, "control_port": 50004, "hb_port": 50005,
         "ip": "127.0.0.1", "key": "abc-123", "transport": "tcp", "signature_scheme": "hmac-sha256", "kernel_name": "x"}
        """;

    [Fact]
    public void Parses_every_field_and_builds_endpoints()
    {
        var info = ConnectionInfo.Parse(Valid);
        Assert.Equal((50001, 50002, 50003, 50004, 50005), (info.ShellPort, info.IOPubPort, info.StdinPort, info.ControlPort, info.HeartbeatPort));
        Assert.Equal("abc-123", info.Key);
        Assert.Equal("tcp://127.0.0.1:50004", info.Endpoint(info.ControlPort));
        var ipc = ConnectionInfo.Parse(Valid.Replace("\"tcp\"", "\"ipc\"").Replace("127.0.0.1", "/tmp/k"));
        Assert.Equal("ipc:///tmp/k-50001", ipc.Endpoint(ipc.ShellPort));
    }

    [Theory]
    [InlineData("\"hb_port\": 50005,", "", "hb_port")]
    [InlineData("\"ip\": \"127.0.0.1\",", "", "ip")]
    [InlineData("50001", "\"50001\"", "shell_port")]
    [InlineData("50002", "70000", "iopub_port")]
    [InlineData("hmac-sha256", "hmac-md5", "signature_scheme")]
    [InlineData("\"tcp\"", "\"udp\"", "transport")]
    [InlineData("\"abc-123\"", "42", "key")]
    public void Malformed_fields_are_named(string find, string replace, string field)
    {
        var json = Valid.Replace(find, replace);
        var e = Assert.Throws<InvalidDataException>(() => ConnectionInfo.Parse(json, "conn.json"));
        Assert.Contains($"'{field}'", e.Message);
        Assert.Contains("conn.json", e.Message);
    }

    [Fact]
    public void Missing_file_and_invalid_json_are_reported_with_the_path()
    {
        var dir = Directory.CreateTempSubdirectory("lwb-conn-");
        try
        {
            var missing = Path.Combine(dir.FullName, "nope.json");
            Assert.Contains(missing, Assert.Throws<FileNotFoundException>(() => ConnectionInfo.Load(missing)).Message);
            var broken = Path.Combine(dir.FullName, "broken.json");
            File.WriteAllText(broken, "{ \"shell_port\": ");
            var e = Assert.Throws<InvalidDataException>(() => ConnectionInfo.Load(broken));
            Assert.Contains(broken, e.Message);
            Assert.Contains("not valid JSON", e.Message);
            File.WriteAllText(broken, "[1,2]");
            Assert.Contains("JSON object", Assert.Throws<InvalidDataException>(() => ConnectionInfo.Load(broken)).Message);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
