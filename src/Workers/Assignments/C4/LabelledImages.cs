using Platform.Workers.Data;
using static TorchSharp.torch;

namespace Platform.Workers.Assignments.C4;

/// <summary>Images (m, 3, H, W) float32 with their labels on one device; owns both tensors.</summary>
public sealed class LabelledImages(Tensor images, Tensor labels) : IDisposable
{
    public Tensor Images { get; } = images;

    /// <summary>int64 (m,) class indices, or float32 (m, 1) for a binary task.</summary>
    public Tensor Labels { get; } = labels;

    public int Count => (int)Images.shape[0];

    /// <summary>Class-index labels for softmax models.</summary>
    public static LabelledImages ForClasses(byte[] pixels, long[] labels, int height, int width, Device device) =>
        new(NchwImages.FromNhwc(pixels, labels.Length, height, width, device), tensor(labels, device: device));

    /// <summary>0/1 labels as a float32 (m, 1) column for sigmoid models.</summary>
    public static LabelledImages ForBinary(byte[] pixels, long[] labels, int height, int width, Device device) =>
        new(NchwImages.FromNhwc(pixels, labels.Length, height, width, device),
            tensor(labels.Select(l => (float)l).ToArray(), [labels.Length, 1], device: device));

    public static LabelledImages ForClasses(Hdf5ImageDataset set, Device device) =>
        ForClasses(set.Pixels, set.Labels, set.ImageDimensions[1], set.ImageDimensions[2], device);

    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
    }
}
