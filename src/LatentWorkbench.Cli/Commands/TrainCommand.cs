using System.CommandLine;
using System.Globalization;
using LatentWorkbench.Engine.Serialization;
using LatentWorkbench.Training;

namespace LatentWorkbench.Cli.Commands;

/// <summary><c>lwb train</c>: trains one autoencoder and saves its weights as safetensors.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "mlp-ae or conv-ae", DefaultValueFactory = _ => "mlp-ae" };
        var dataset = new Option<string>("--dataset") { Description = "mnist, fashion-mnist or cifar10", DefaultValueFactory = _ => "mnist" };
        var k = new Option<int>("--k") { Description = "Bottleneck size", DefaultValueFactory = _ => 16 };
        var epochs = new Option<int>("--epochs") { Description = "Training epochs", DefaultValueFactory = _ => 5 };
        var seed = new Option<ulong>("--seed") { Description = "Seed for initialisation and shuffling", DefaultValueFactory = _ => 0UL };
        var batch = new Option<int>("--batch-size") { Description = "Mini-batch size", DefaultValueFactory = _ => 128 };
        var lr = new Option<float>("--lr") { Description = "Adam learning rate", DefaultValueFactory = _ => 1e-3f };
        var trainSamples = new Option<int?>("--train-samples") { Description = "Train on a seeded subset of this many images" };
        var testSamples = new Option<int?>("--test-samples") { Description = "Evaluate on a seeded subset of this many images" };
        var checkpoint = new Option<string?>("--checkpoint") { Description = "Resumable checkpoint file written every epoch" };
        var output = new Option<string>("--out") { Description = "Where to save the trained weights (.safetensors)", Required = true };

        var command = new Command("train", "Train an autoencoder and print per-epoch train/test loss");
        foreach (var option in new Option[] { model, dataset, k, epochs, seed, batch, lr, trainSamples, testSamples, checkpoint, output })
            command.Options.Add(option);
        command.SetAction(parse => CliErrors.Run(() =>
        {
            var kind = parse.GetValue(model) switch
            {
                "mlp-ae" => AutoencoderKind.Mlp,
                "conv-ae" => AutoencoderKind.Conv,
                var other => throw new ArgumentException($"--model: '{other}' is not a model; expected mlp-ae or conv-ae"),
            };
            var recipe = new AutoencoderRecipe
            {
                Kind = kind,
                Dataset = parse.GetValue(dataset)!,
                LatentDim = parse.GetValue(k),
                Epochs = parse.GetValue(epochs),
                Seed = parse.GetValue(seed),
                BatchSize = parse.GetValue(batch),
                LearningRate = parse.GetValue(lr),
                TrainSamples = parse.GetValue(trainSamples),
                TestSamples = parse.GetValue(testSamples),
            };
            if (recipe.LatentDim <= 0) throw new ArgumentException("--k must be positive");
            if (recipe.Epochs <= 0) throw new ArgumentException("--epochs must be positive");
            var run = recipe.Train(options: new TrainingOptions { Epochs = recipe.Epochs, CheckpointPath = parse.GetValue(checkpoint) });
            string path = parse.GetValue(output)!;
            SafeTensors.Save(path, run.Model.StateDict(), new Dictionary<string, string>
            {
                ["model"] = parse.GetValue(model)!,
                ["dataset"] = recipe.Dataset,
                ["k"] = recipe.LatentDim.ToString(CultureInfo.InvariantCulture),
                ["epochs"] = recipe.Epochs.ToString(CultureInfo.InvariantCulture),
                ["seed"] = recipe.Seed.ToString(CultureInfo.InvariantCulture),
            });
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"test reconstruction MSE {run.TestMse:G5}"));
            Console.WriteLine($"saved {path}");
        }));
        return command;
    }
}
