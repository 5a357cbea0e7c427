using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace LatentWorkbench.Tests.Training;

/// <summary>End to end: the CLI trains a small MNIST autoencoder and saves it.</summary>
public class CliTrainingTests
{
    internal static (int ExitCode, string Output) RunCli(params string[] args)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "lwb.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(cli);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["CI"] = "1";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    [Fact]
    public void OneEpochOnMnistBeatsTheMeanImage()
    {
        var dir = Directory.CreateTempSubdirectory("lwb-cli");
        try
        {
            string model = Path.Combine(dir.FullName, "ae.safetensors");
            var (code, output) = RunCli("train", "--model", "mlp-ae", "--dataset", "mnist", "--k", "16", "--epochs", "1",
                "--train-samples", "20000", "--test-samples", "2000", "--seed", "0", "--out", model);
            Assert.True(code == 0, output);
            Assert.Matches(@"epoch 1: train loss [0-9.]+, test loss [0-9.]+", output);
            var mse = double.Parse(Regex.Match(output, @"test reconstruction MSE ([0-9.eE-]+)").Groups[1].Value, CultureInfo.InvariantCulture);
            // Predicting the mean training image gives 0.0675 on MNIST's test set; one epoch on 20,000 images
            // measured 0.0570 here and 0.0535 for PyTorch 1.13 with the same recipe.
            Assert.True(mse < 0.060, $"test MSE {mse}");

            var (inspectCode, inspect) = RunCli("model", "inspect", model);
            Assert.Equal(0, inspectCode);
            Assert.Contains("encoder.0.weight", inspect);
            Assert.Contains("[512, 784]", inspect);
        }
        finally { dir.Delete(recursive: true); }
    }

    [Fact]
    public void BadArgumentsGiveOneClearLine()
    {
        var (code, output) = RunCli("train", "--model", "transformer", "--out", "x.safetensors");
        Assert.Equal(1, code);
        Assert.Contains("--model: 'transformer' is not a model", output);
        Assert.DoesNotContain("   at ", output);
    }
}
