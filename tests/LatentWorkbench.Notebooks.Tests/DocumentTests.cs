using System.Text.Json.Nodes;
using LatentWorkbench.Notebooks.Documents;

namespace LatentWorkbench.Notebooks.Tests;

public sealed class DocumentTests
{
    [Fact]
    public void Jupyter_written_notebook_round_trips_byte_for_byte()
    {
        // The fixture was written by Jupyter's nbformat (Fixtures/make_fixtures.py), so this checks our writer against Jupyter's.
        var path = TestFiles.Fixture("jupyter-written.ipynb");
        var original = File.ReadAllText(path);
        var doc = IpynbFormat.Read(path);
        Assert.Equal(original, IpynbFormat.Serialize(doc));
    }

    [Fact]
    public void Reading_models_cells_and_keeps_unknown_metadata()
    {
        var doc = IpynbFormat.Read(TestFiles.Fixture("jupyter-written.ipynb"));
        Assert.Equal([CellKind.Markdown, CellKind.Code, CellKind.Code, CellKind.Raw], doc.Cells.Select(c => c.Kind));
        var code = doc.Cells[1];
        Assert.Equal("var x = 1;\nConsole.WriteLine(x);\nx + 1", code.Source);
        Assert.Equal(3, code.ExecutionCount);
        Assert.True(code.HasTag("parameters"));
        Assert.Equal("csharp", code.KernelName);
        Assert.Equal(new StreamOutput("stdout", "1\nsecond line\n"), code.Outputs[0]);
        var display = Assert.IsType<DisplayDataOutput>(code.Outputs[2]);
        Assert.Equal("<div>\n<b>x</b>\n</div>", display.Data.GetText(MimeBundle.Html));
        Assert.Equal(2.5, display.Data[MimeBundle.Plotly]["data"]![0]!["x"]![1]!.GetValue<double>());
        Assert.Equal(10, display.Metadata!["image/png"]!["width"]!.GetValue<int>());
        var error = Assert.IsType<ErrorOutput>(code.Outputs[4]);
        Assert.Equal(["System.Exception: boom", "   in cell 2, line 3"], error.Traceback);
        Assert.Equal("λ → ∞ ✓", doc.Metadata["some_extension"]!["unicode"]!.GetValue<string>());
        Assert.NotNull(doc.Cells[0].Extra["attachments"]);
        Assert.Equal("", doc.Cells[2].Source);
    }

    [Fact]
    public void Edited_notebook_keeps_unknown_metadata_and_is_stable()
    {
        var doc = IpynbFormat.Read(TestFiles.Fixture("jupyter-written.ipynb"));
        doc.Cells.Add(NotebookCell.CSharp("display(1);"));
        doc.Cells[1].Outputs.Clear();
        var once = IpynbFormat.Serialize(doc);
        var twice = IpynbFormat.Serialize(IpynbFormat.Parse(once));
        Assert.Equal(once, twice);
        var json = JsonNode.Parse(once)!;
        Assert.Equal(12345678901234, json["metadata"]!["some_extension"]!["nested"]!["big"]!.GetValue<long>());
        Assert.False(json["cells"]![0]!["metadata"]!["editable"]!.GetValue<bool>());
        Assert.Matches("^[0-9a-f]{8}$", json["cells"]![4]!["id"]!.GetValue<string>());
    }

    [Fact]
    public void Serialization_uses_jupyter_layout()
    {
        var doc = NotebookDocument.CreateCSharp();
        doc.Cells.Add(NotebookCell.CSharp("a\nb", id: "c1"));
        doc.Cells[0].Outputs.Add(new ExecuteResultOutput(1, new MimeBundle().Set(MimeBundle.PlainText, "x\ny").Set("application/json", "{\"k\":1.5}")));
        var text = IpynbFormat.Serialize(doc);
        Assert.EndsWith("}\n", text);
        Assert.Contains("\n \"cells\": [\n  {\n   \"cell_type\": \"code\",\n   \"execution_count\": null,\n   \"id\": \"c1\",", text);
        Assert.Contains("\"source\": [\n    \"a\\n\",\n    \"b\"\n   ]", text);
        Assert.Contains("\"text/plain\": [\n       \"x\\n\",\n       \"y\"\n      ]", text);
        Assert.Contains("\"application/json\": {\n       \"k\": 1.5\n      }", text);
        Assert.DoesNotContain(Path.GetTempPath(), text);
    }

    [Fact]
    public void New_notebook_has_dotnet_interactive_metadata()
    {
        var doc = NotebookDocument.CreateCSharp();
        var meta = JsonNode.Parse(IpynbFormat.Serialize(doc))!["metadata"]!;
        Assert.Equal(".net-csharp", meta["kernelspec"]!["name"]!.GetValue<string>());
        Assert.Equal(".NET (C#)", meta["kernelspec"]!["display_name"]!.GetValue<string>());
        Assert.Equal("C#", meta["kernelspec"]!["language"]!.GetValue<string>());
        Assert.Equal("csharp", meta["language_info"]!["name"]!.GetValue<string>());
        Assert.Equal("csharp", meta["polyglot_notebook"]!["kernelInfo"]!["defaultKernelName"]!.GetValue<string>());
    }

    [Fact]
    public void Malformed_json_error_names_file_line_and_position()
    {
        using var temp = TestFiles.TempFolder();
        var path = temp.File("broken.ipynb");
        File.WriteAllText(path, "{\n \"cells\": [],\n \"metadata\": {,\n \"nbformat\": 4\n}\n");
        var e = Assert.Throws<NotebookFormatException>(() => NotebookFile.Read(path));
        Assert.Equal(path, e.FilePath);
        Assert.Equal(3, e.Line);
        Assert.Equal(15, e.Column);
        Assert.StartsWith($"{path}(3,15): malformed notebook JSON", e.Message);
    }

    [Theory]
    [InlineData("{\"nbformat\": 4, \"metadata\": {}}", "missing 'cells'")]
    [InlineData("{\"nbformat\": 3, \"cells\": []}", "only nbformat 4")]
    [InlineData("{\"nbformat\": 4, \"cells\": [{\"cell_type\": \"code\", \"source\": 5}]}", "cells[0].source")]
    [InlineData("{\"nbformat\": 4, \"cells\": [{\"cell_type\": \"picture\"}]}", "cells[0].cell_type")]
    public void Structural_errors_name_the_field(string json, string expected)
    {
        var e = Assert.Throws<NotebookFormatException>(() => IpynbFormat.Parse(json, "x.ipynb"));
        Assert.Contains(expected, e.Message);
        Assert.StartsWith("x.ipynb", e.Message);
    }

    [Fact]
    public void Dib_parses_cells_kernels_and_meta()
    {
        var doc = DibFormat.Read(TestFiles.Fixture("polyglot.dib"));
        Assert.Equal(3, doc.Cells.Count);
        Assert.Equal(CellKind.Markdown, doc.Cells[0].Kind);
        Assert.Equal("# Polyglot sample\n\nSome *text*.", doc.Cells[0].Source);
        Assert.Equal("#r \"nuget: MathNet.Numerics, 5.0.0\"\nvar x = 1;\n\nx + 1", doc.Cells[1].Source);
        Assert.Equal("csharp", doc.Cells[1].KernelName);
        Assert.Equal("let y = 2", doc.Cells[2].Source);
        Assert.Equal("fsharp", doc.Cells[2].KernelName);
        Assert.Equal("fsharp", doc.Metadata["polyglot_notebook"]!["kernelInfo"]!["items"]![1]!["name"]!.GetValue<string>());
        Assert.Equal(".net-csharp", doc.Metadata["kernelspec"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void Dib_writes_back_the_same_text()
    {
        var original = File.ReadAllText(TestFiles.Fixture("polyglot.dib"));
        Assert.Equal(original, DibFormat.Serialize(DibFormat.Parse(original)));
    }

    [Fact]
    public void Dib_and_ipynb_convert_both_ways()
    {
        var dib = DibFormat.Read(TestFiles.Fixture("polyglot.dib"));
        var viaIpynb = IpynbFormat.Parse(IpynbFormat.Serialize(dib));
        Assert.Equal(DibFormat.Serialize(dib), DibFormat.Serialize(viaIpynb));
        Assert.Equal(dib.Cells.Select(c => (c.Kind, c.Source, c.KernelName)), viaIpynb.Cells.Select(c => (c.Kind, c.Source, c.KernelName)));
    }

    [Fact]
    public void Dib_text_before_first_separator_is_a_csharp_cell_and_magics_stay_inside()
    {
        var doc = DibFormat.Parse("var a = 1;\n#!time\nvar b = 2;\n\n#!markdown\nhello\n");
        Assert.Equal(2, doc.Cells.Count);
        Assert.Equal("var a = 1;\n#!time\nvar b = 2;", doc.Cells[0].Source);
        Assert.Equal(CellKind.Code, doc.Cells[0].Kind);
        Assert.Equal("hello", doc.Cells[1].Source);
    }

    [Fact]
    public void Writes_are_atomic_and_leave_no_temp_files()
    {
        using var temp = TestFiles.TempFolder();
        var path = temp.File("n.ipynb");
        NotebookFile.Write(NotebookTemplate.Create("T"), path);
        NotebookFile.Write(NotebookTemplate.Create("T"), path);
        Assert.Equal(["n.ipynb"], Directory.GetFiles(temp.Path).Select(Path.GetFileName));
        var doc = NotebookFile.Read(path);
        Assert.True(doc.Cells[1].HasTag("parameters"));
        Assert.Contains("var Quick = false;", doc.Cells[1].Source);
    }
}
