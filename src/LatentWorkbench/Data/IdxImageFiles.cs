namespace LatentWorkbench.Data;

/// <summary>Loads an image/label pair of IDX files (MNIST layout) into an <see cref="ImageDataset"/>.</summary>
public static class IdxImageFiles
{
    /// <summary>
    /// Reads images (magic 0x00000803) and labels (magic 0x00000801), checks that the counts agree and that
    /// every label names a class.
    /// </summary>
    public static ImageDataset Load(string imagesPath, string labelsPath, string name, string split, IReadOnlyList<string> classNames)
    {
        var images = IdxReader.ReadImages(imagesPath);
        byte[] labelBytes = IdxReader.ReadLabels(labelsPath);
        if (labelBytes.Length != images.Count)
            throw new DataFormatException(labelsPath,
                $"expected {images.Count} labels (the image file {imagesPath} holds {images.Count} images), found {labelBytes.Length}");
        var labels = new int[labelBytes.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            labels[i] = labelBytes[i];
            if (labels[i] >= classNames.Count)
                throw new DataFormatException(labelsPath, $"label {labels[i]} at index {i} is outside the {classNames.Count} classes [0, {classNames.Count})");
        }
        return new ImageDataset(name, split, images.Payload, labels, 1, images.Dimensions[1], images.Dimensions[2], classNames);
    }
}
